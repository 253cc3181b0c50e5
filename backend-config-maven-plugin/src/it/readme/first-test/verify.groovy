context.server.stop(0)
def log = new File(basedir, 'build.log').text
def pom = new File(basedir, 'pom.xml').text
// the README's test ran against the backend its settings name
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
assert context.asked.get() == 1 : "GET /health asked ${context.asked.get()} times"
// every plugin the build ran is pinned in the README's POM, at the version it ran: none is Maven's default
// (Maven 3.8 names a plugin by its artifactId, "--- maven-jar-plugin:3.4.2:jar", Maven 3.9 by its prefix, "--- jar:3.4.2:jar")
def ran = (log =~ /--- (?:maven-)?([a-z-]+?)(?:-plugin)?:([0-9][^:\s]*):/).collect { ["maven-${it[1]}-plugin".toString(), it[2]] }.unique()
assert ran*.get(0).containsAll(['maven-resources-plugin', 'maven-compiler-plugin', 'maven-surefire-plugin', 'maven-jar-plugin'])
ran.each { plugin, version ->
    assert pom.contains("<artifactId>${plugin}</artifactId><version>${version}</version>") :
        "the build ran ${plugin} ${version}, which the README's POM does not pin"
}
return true
