package io.synod.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick start's database keeps its data across a stop and a start, and recovers from a torn directory. */
class LocalPostgresTest {

    @TempDir
    Path dir;

    @Test
    void dataSurvivesRestart() throws Exception {
        Path data = dir.resolve("pg");
        int port = Ports.free();
        try (LocalPostgres pg = LocalPostgres.start(data, port)) {
            String url = pg.ensureDatabase("synod");
            try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kept (v INT)");
                s.execute("INSERT INTO kept VALUES (42)");
            }
        }
        assertThat(data.resolve("PG_VERSION")).exists();
        try (LocalPostgres pg = LocalPostgres.start(data, port)) {
            String url = pg.ensureDatabase("synod");
            try (Connection c = DriverManager.getConnection(url, LocalPostgres.USER, ""); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void tornDataDirectoryIsReinitialised() throws Exception {
        Path data = Files.createDirectories(dir.resolve("torn"));
        Files.writeString(data.resolve("leftover"), "half an initdb");
        try (LocalPostgres pg = LocalPostgres.start(data, Ports.free())) {
            assertThat(pg.ensureDatabase("synod")).startsWith("jdbc:postgresql://127.0.0.1:");
        }
        assertThat(data.resolve("leftover")).doesNotExist();
    }
}
