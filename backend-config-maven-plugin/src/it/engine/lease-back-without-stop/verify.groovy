def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
assert log =~ /docker\.start=if-missing: started (backend, auth|auth, backend) of compose project ${name}/
assert log.contains('now failing on purpose')
assert log.contains('[ERROR] Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:3.5.4:test')
// stop never ran; the session's end gave the lease back, and the plugin's classes still loaded
assert !log.contains('backend-config: gave back what this build held')
assert log =~ /the last JVM holding the lease of compose project ${name} leaves: stopped and removed 2 containers/
assert !log.contains('NoClassDefFoundError')
return true
