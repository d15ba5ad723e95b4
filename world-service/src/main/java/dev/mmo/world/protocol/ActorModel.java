package dev.mmo.world.protocol;

import dev.mmo.world.core.ActorSnapshot;
import dev.mmo.world.persistence.ActorRecord;

/** What a {@code ModelData} says about one actor: its live state from the world and its ids from the database. */
public record ActorModel(ActorSnapshot state, ActorRecord stored) {}
