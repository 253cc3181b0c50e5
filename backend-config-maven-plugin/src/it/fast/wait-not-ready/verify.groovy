context.server.stop(0)
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal dev.backendconfig:backend-config-maven-plugin')
assert log.contains('backend-config: not ready within setting timeout = 3000 ms: ')
assert log.contains('not answering: backend: ')
assert log.contains('503')
return true
