package powerdesk.store;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A mongo-java-server on 127.0.0.1 until killed, for development, tests and the demo.
 *
 * <pre>java -cp ... powerdesk.store.Main memory|h2 PORT [H2_FILE]</pre>
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || ("h2".equals(args[0]) && args.length < 3)) {
            System.err.println("usage: Main memory PORT | Main h2 PORT FILE");
            System.exit(2);
        }
        MongoBackend backend = switch (args[0]) {
            case "memory" -> new MemoryBackend();
            case "h2" -> new CommittingH2Backend(args[2]);
            default -> throw new IllegalArgumentException("backend must be memory or h2, not " + args[0]);
        };
        int port = Integer.parseInt(args[1]);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("mongo-java-server 1.47.0 (" + args[0] + ") listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }
}
