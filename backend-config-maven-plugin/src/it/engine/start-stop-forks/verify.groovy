def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
assert log =~ /docker\.start=if-missing: started (backend, auth|auth, backend) of compose project ${name}/
assert log.contains('backend-config: ready: backend: http GET http://127.0.0.1:')
assert log.contains('backend-config: ready: auth: http GET http://127.0.0.1:')
assert log.contains('fork One (pid ') && log.contains('fork Two (pid ')
assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
assert log =~ /the last JVM holding the lease of compose project ${name} leaves: stopped and removed 2 containers/
return true
