context.server.stop(0)
def log = new File(basedir, 'build.log').text
def pom = new File(basedir, 'pom.xml').text
// the README's test ran against the backend its settings name
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
assert context.asked.get() == 1 : "GET /health asked ${context.asked.get()} times"
// every plugin the build ran is pinned in the README's POM, at the version it ran: none is Maven's default
def ran = (log =~ /--- (maven-[a-z-]+-plugin):([^:\s]+):/).collect { [it[1], it[2]] }.unique()
assert ran*.get(0).containsAll(['maven-resources-plugin', 'maven-compiler-plugin', 'maven-surefire-plugin', 'maven-jar-plugin'])
ran.each { plugin, version ->
    assert pom.contains("<artifactId>${plugin}</artifactId><version>${version}</version>") :
        "the build ran ${plugin} ${version}, which the README's POM does not pin"
}
return true
