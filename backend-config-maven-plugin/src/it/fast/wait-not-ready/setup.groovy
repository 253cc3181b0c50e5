import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer

// A loopback server that never gets ready: 503 to every request.
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
server.createContext('/', { exchange ->
    byte[] body = 'starting'.bytes
    exchange.sendResponseHeaders(503, body.length)
    exchange.responseBody.write(body)
    exchange.close()
} as HttpHandler)
server.start()
context.put('server', server)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('LOOPBACK_PORT', String.valueOf(server.address.port))
return true
