package dev.mmo.world.loop;

import dev.mmo.world.link.Session;
import dev.mmo.world.persistence.ActorRecord;
import dev.mmo.world.protocol.ModelBytes;

/** An actor some session plays, from its first join until the tick that applies its leave. Loop thread only. */
final class Member {

    private ActorRecord stored;
    /** {@link #stored} as the fixed part of its ModelData; made when first needed. */
    private ModelBytes model;
    /** The session that plays it; null once it should leave. */
    Session session;
    /** The session of the last {@code Join} handed to the world; null while not in the world. */
    Session announced;

    Member(ActorRecord stored) {
        this.stored = stored;
    }

    long actorId() {
        return stored.actorId();
    }

    ActorRecord stored() {
        return stored;
    }

    /** A newer load of its rows (a rejoin); the model is made again if they changed. */
    void restore(ActorRecord loaded) {
        if (!loaded.equals(stored)) {
            stored = loaded;
            model = null;
        }
    }

    ModelBytes model() {
        if (model == null) {
            model = new ModelBytes(stored);
        }
        return model;
    }
}
