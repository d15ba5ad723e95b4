package dev.mmo.world;

import dev.mmo.stack.LocalStackTestResource;
import dev.mmo.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A real PostgreSQL (no Kafka) migrated with the schema's own Flyway migrations, tokens from {@link TestTokens},
 * and a faster tick so that walks finish quickly. Every test class that names it shares one stack and one
 * application.
 */
public class WorldTestResource extends LocalStackTestResource {

    /** Ticks per second in the tests: 1.4 units per step at the default speed of 70. */
    public static final int TICK_RATE = 50;

    public static final double STEP = 70.0 / TICK_RATE;

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of(KAFKA, "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Flyway.configure()
                .dataSource(
                        config.get("quarkus.datasource.jdbc.url"),
                        config.get("quarkus.datasource.username"),
                        config.get("quarkus.datasource.password"))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        config.putAll(TestTokens.get().verifierConfig());
        config.put("mmo.world.tick-rate", String.valueOf(TICK_RATE));
        return config;
    }
}
