package dev.mmo.world.loop;

/**
 * Runs on the loop thread in every tick, after the world stepped and before anything of it is published, when a bean
 * of this type exists. Production has none: tests add one to make a tick fail half-way and watch the world stop
 * (docs/reliability.md, "A failing tick").
 */
public interface TickInterceptor {

    void beforePublish(long tick);
}
