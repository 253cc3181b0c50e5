def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
// the first build was killed before its stop: only the second build's stop ran
assert (log =~ /backend-config: gave back what this build held/).count == 1
assert (log =~ /docker: docker-compose started ${name}_/).count == 1
assert log =~ /adopted compose project ${name}'s containers that a JVM now gone \(pid [0-9]+\) started/
assert log.contains('attached to http://127.0.0.1:')
assert log =~ /the last JVM holding the lease of compose project ${name} leaves: stopped and removed 2 containers/
return true
