import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer

// The README's "JUnit on Maven" POM and its first test, copied as a new user copies them, and a backend for the test:
// a loopback server answering 200, named in src/test/resources/backend-config.properties (setting url).
def readme = new File(basedir, '../../../../../README.md').text
def section = readme.substring(readme.indexOf('**JUnit on Maven.**'))
def block = { String language -> (section =~ /(?s)```${language}\n(.*?)```/)[0][1] }
new File(basedir, 'pom.xml').text = block('xml')
def test = block('java')
def path = (test =~ /\/\/ (src\/test\/java\/\S+\.java)/)[0][1]
new File(basedir, path).with { parentFile.mkdirs(); text = test }
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def asked = new java.util.concurrent.atomic.AtomicInteger()
server.createContext('/', { exchange ->
    if (exchange.requestURI.path == '/health') asked.incrementAndGet()
    exchange.sendResponseHeaders(200, -1)
    exchange.close()
} as HttpHandler)
server.start()
context.put('server', server)
context.put('asked', asked)
new File(basedir, 'src/test/resources').mkdirs()
new File(basedir, 'src/test/resources/backend-config.properties').text = "url=http://127.0.0.1:${server.address.port}\n"
return true
