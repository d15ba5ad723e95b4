/**
 * Interest management: the {@link dev.mmo.world.core.view.ViewTracker} places online actors in the cells of a
 * {@link dev.mmo.world.core.view.Grid} and answers, after each tick, what the players of each cell hear and how the
 * view of an actor that changed cells changed. The {@link dev.mmo.world.core.World} keeps movement and tells the
 * tracker of every coming, going and step.
 */
package dev.mmo.world.core.view;
