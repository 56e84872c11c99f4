package io.synod.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Finds migrations through the {@code INDEX} file written at build time instead of scanning the class
 * path: scanning depends on how the application server exposes jar contents, an index does not.
 */
final class IndexedMigrationResources implements ResourceProvider {

    static final String FOLDER = "db/migration/";

    private final ClassLoader loader;
    private final List<String> names;

    IndexedMigrationResources(ClassLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.names = readIndex(loader);
    }

    List<String> names() {
        return names;
    }

    @Override
    public LoadableResource getResource(String name) {
        String file = name.startsWith(FOLDER) ? name.substring(FOLDER.length()) : name;
        return names.contains(file) ? new Script(file) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(name::endsWith)) {
                found.add(new Script(name));
            }
        }
        return found;
    }

    private static List<String> readIndex(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(FOLDER + "INDEX")) {
            if (in == null) {
                throw new IllegalStateException("Migration index " + FOLDER + "INDEX is missing from the class path: "
                        + "the synod-db jar was built without its index");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the migration index", e);
        }
    }

    private final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            URL url = loader.getResource(FOLDER + name);
            if (url == null) {
                return new StringReader("");
            }
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration " + name, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return FOLDER + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return FOLDER + name;
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
