import com.sun.net.httpserver.HttpHandler
import com.sun.net.httpserver.HttpServer

// A loopback server that answers 503 for 1.5 s after its first request, then 200: wait must keep probing.
def server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0)
def readyAt = [0L]
server.createContext('/', { exchange ->
    long now = System.nanoTime()
    synchronized (readyAt) {
        if (readyAt[0] == 0L) readyAt[0] = now + 1_500_000_000L
    }
    int code = now >= readyAt[0] ? 200 : 503
    byte[] body = (code == 200 ? 'ok' : 'starting').bytes
    exchange.sendResponseHeaders(code, body.length)
    exchange.responseBody.write(body)
    exchange.close()
} as HttpHandler)
server.start()
context.put('server', server)
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('LOOPBACK_PORT', String.valueOf(server.address.port))
return true
