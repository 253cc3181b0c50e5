def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] Failed to execute goal dev.backendconfig:backend-config-maven-plugin')
// the message names the file and line and what would be valid
assert log.contains("invalid configuration [BCFG")
assert log =~ /backend-config\.properties:2: setting probe expects one of none, tcp, http, websocket/
return true
