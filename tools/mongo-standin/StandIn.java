import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Offline MongoDB stand-in: mongo-java-server with its in-memory backend.
 *
 * Usage: java StandIn [host] [port]   (port 0 picks a free one)
 * Prints "MONGODB_URI=mongodb://host:port" as its first line, then serves until killed
 * or until its standard input reaches end-of-file, so a crashed parent never leaves it behind.
 */
public final class StandIn {
    /** mongo-java-server's built-in versions answer wire version <= 13; driver 7 wants a modern server. */
    private static final MongoVersion REPORTED_VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean exitOnStdinEof = args.length > 2 && args[2].equals("--exit-on-stdin-eof");

        MongoServer server = new MongoServer(new MemoryBackend().version(REPORTED_VERSION));
        server.bind(new InetSocketAddress(host, port));
        InetSocketAddress address = server.getLocalAddress();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));

        System.out.println("MONGODB_URI=mongodb://" + host + ":" + address.getPort());
        System.out.flush();

        if (exitOnStdinEof) {
            InputStream in = System.in;
            while (in.read() != -1) {
                // Drain: the parent never writes, it only holds the pipe open while alive.
            }
            System.exit(0);
        }
        Thread.currentThread().join();
    }
}
