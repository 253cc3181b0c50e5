def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
// one compose up for the whole reactor
assert (log =~ /docker: docker-compose started ${name}_/).count == 1
assert log.contains('note: docker.start=if-missing: every required service of compose project ' + name + ' runs; attached')
assert log.contains('backend-config: the stack stays up for two, later in this build')
def one = log.indexOf('module one attached to ')
def two = log.indexOf('module two attached to ')
assert one > 0 && two > one
def url = (log =~ /module one attached to (\S+)/)[0][1]
assert log.contains("module two attached to ${url}")
def stopped = log.indexOf("the last JVM holding the lease of compose project ${name} leaves: stopped and removed 2 containers")
assert stopped > two
return true
