package dev.backendconfig.docker.internal;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a compose service or container looks like a database by its image or its ports, so that a suggestion never
 * offers it first for a service such as {@code auth}: {@code auth-db} with image {@code postgres} is a database even
 * though its name contains {@code auth}.
 */
public final class DatabaseLook {

    /** Image names (the last path segment, without tag or digest) of databases, caches and search engines. */
    private static final List<String> IMAGES = List.of("postgres", "postgis", "timescaledb", "mysql", "mariadb",
            "percona", "mongo", "mongodb", "redis", "valkey", "keydb", "memcached", "cassandra", "scylla", "couchdb",
            "couchbase", "neo4j", "influxdb", "cockroach", "clickhouse-server", "elasticsearch", "opensearch",
            "mssql", "server", "oracle", "db2", "rethinkdb", "arangodb", "dynamodb-local", "etcd", "minio");

    /** Well-known database ports, with the database they belong to. */
    private static final Map<Integer, String> PORTS = Map.ofEntries(Map.entry(5432, "PostgreSQL"),
            Map.entry(3306, "MySQL"), Map.entry(27017, "MongoDB"), Map.entry(6379, "Redis"),
            Map.entry(9042, "Cassandra"), Map.entry(1433, "SQL Server"), Map.entry(1521, "Oracle"),
            Map.entry(5984, "CouchDB"), Map.entry(7687, "Neo4j"), Map.entry(26257, "CockroachDB"),
            Map.entry(11211, "Memcached"), Map.entry(8123, "ClickHouse"), Map.entry(9200, "Elasticsearch"));

    private DatabaseLook() {
    }

    /**
     * Return why a service looks like a database ({@code "image postgres:16"}, {@code "port 5432 (PostgreSQL)"}), or
     * empty when it does not.
     */
    public static Optional<String> of(String image, Collection<Integer> containerPorts) {
        String name = imageName(image);
        boolean mssql = image.toLowerCase(Locale.ROOT).contains("mssql");
        if (IMAGES.contains(name) && (!name.equals("server") || mssql)) {
            return Optional.of("image " + Listing.shown(image));
        }
        for (Integer port : containerPorts) {
            if (PORTS.containsKey(port)) {
                return Optional.of("port " + port + " (" + PORTS.get(port) + ")");
            }
        }
        return Optional.empty();
    }

    /** Return an image reference's name: {@code docker.io/library/postgres:16@sha256:...} gives {@code postgres}. */
    static String imageName(String image) {
        String name = image.toLowerCase(Locale.ROOT);
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        int slash = name.lastIndexOf('/');
        name = name.substring(slash + 1);
        int colon = name.indexOf(':');
        return colon >= 0 ? name.substring(0, colon) : name;
    }
}
