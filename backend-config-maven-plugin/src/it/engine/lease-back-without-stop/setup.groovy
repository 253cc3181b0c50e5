// A unique compose project on free ports of 127.0.0.1; its name is kept for verify.groovy and scripts/docker-it.sh,
// which removes whatever of it a failed build left.
def free = { -> def socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress()); int port = socket.localPort; socket.close(); port }
def name = 'bcplugin-' + UUID.randomUUID().toString().substring(0, 8)
new File(basedir, 'compose-project.txt').text = name
new File(basedir, '.env').text = "IT_BACKEND_PORT=${free()}\nIT_AUTH_PORT=${free()}\n"
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('IT_PROJECT', name)
return true
