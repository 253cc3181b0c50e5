def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('[WARNING] No backend found.')
assert log =~ /\[WARNING\] What to do next:\n\[WARNING\]   - env: set TEST_BACKEND_URL/
// the goal shows the report itself: no step sends the user to run explain
assert !log.contains('run the explain command')
return true
