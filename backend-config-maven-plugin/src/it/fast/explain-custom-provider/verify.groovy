def log = new File(basedir, 'build.log').text
assert log.contains('backend-config-maven-plugin') && log.contains(':explain')
// the project's provider, found through its test class path, read the file its properties file names
assert log =~ /\[INFO\] backend: http:\/\/127\.0\.0\.1:4711 .*\(from port-file/
assert log.contains('the port file backend.port says 4711')
assert log =~ /\[INFO\]\s+port-file\s+400\s+found/
// what the goal forces is reported as the goal's, never as <settings> the user did not write
assert log.contains("setting docker.start=never (given to the goal backend-config:explain)")
assert !log.contains("docker.start=never (given to the <settings>")
return true
