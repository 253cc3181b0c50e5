context.server.stop(0)
def log = new File(basedir, 'build.log').text
def port = context.server.address.port
assert log.contains("backend-config: ready: backend: ")
assert log.contains("backend-config: ready: auth: ")
assert log.contains("backendconfig.url=http://127.0.0.1:${port}")
assert log.contains("backendconfig.services.auth.url=http://127.0.0.1:${port}/auth")
assert log.contains('fork attached: ')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
return true
