/**
 * The world's rules as plain, deterministic Java, free of Quarkus, CDI and JSON: a {@link dev.mmo.world.core.World}
 * that one loop thread ticks (paced by a {@link dev.mmo.world.core.TickClock}), fed with
 * {@link dev.mmo.world.core.WorldInput}s from any thread, answering each tick with a
 * {@link dev.mmo.world.core.TickResult} for the edge to broadcast and persist. The tick and movement contract that
 * clients replay is documented on {@link dev.mmo.world.core.World}.
 */
package dev.mmo.world.core;
