def log = new File(basedir, 'build.log').text
assert log.contains('backend-config: start skipped (<skip> or -Dbackendconfig.skip=true)')
assert log.contains('backend-config: stop skipped (<skip> or -Dbackendconfig.skip=true)')
assert !log.contains('sometimes')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
return true
