def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
assert log =~ /docker\.start=if-missing: started (backend, auth|auth, backend) of compose project ${name}/
assert log.contains('now failing on purpose')
assert log =~ /Tests run: 1, Failures: 1, Errors: 0, Skipped: 0/
// stop ran after the failed test and before the build failed in Failsafe's verify
def failed = log.indexOf('now failing on purpose')
def stopped = log.indexOf("the last JVM holding the lease of compose project ${name} leaves: stopped and removed 2 containers")
def gaveBack = log.indexOf('backend-config: gave back what this build held')
def verifyFailed = log.indexOf('[ERROR] Failed to execute goal org.apache.maven.plugins:maven-failsafe-plugin:3.5.4:verify')
assert failed > 0 && stopped > failed && gaveBack > failed && verifyFailed > gaveBack
return true
