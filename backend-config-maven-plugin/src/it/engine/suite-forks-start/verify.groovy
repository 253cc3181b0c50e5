def name = new File(basedir, 'compose-project.txt').text.trim()
def log = new File(basedir, 'build.log').text
def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert left.isEmpty() : "containers of ${name} left: ${left}"
def networks = ['docker', 'network', 'ls', '-q', '--filter', "label=com.docker.compose.project=${name}"].execute().text.trim()
assert networks.isEmpty() : "networks of ${name} left: ${networks}"
// three forks, each a JVM of its own, each reached the backend
def forks = (log =~ /fork (One|Two|Three) \(pid ([0-9]+)\) reached http:\/\/127\.0\.0\.1:[0-9]+\/health/).collect { it[2] }
assert forks.size() == 3 && forks.toSet().size() == 3 : "forks: ${forks}"
assert log =~ /Tests run: 3, Failures: 0, Errors: 0, Skipped: 0/
// one compose up for all of them, and one stop, by the last to leave
assert (log =~ /docker: starting backend of compose project ${name} with [a-z -]+ on engine /).count == 1
assert (log =~ /docker: docker-compose started ${name}_backend_1 in /).count == 1 || (log =~ /docker: docker compose started ${name}-backend-1 in /).count == 1
assert (log =~ /the last JVM holding the lease of compose project ${name} leaves: stopped and removed 1 container/).count == 1
return true
