package dev.mmo.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Walks as the world runs and saves them: the step rule of docs/protocol.md, and what the database holds. */
final class Walks {

    /** speed / tickRate, as the system runs (the defaults). */
    static final double STEP = 70.0 / 20;

    private Walks() {}

    /** A walk's state after some tick: where the actor stands and where it walks to. */
    record Walk(double x, double y, double tx, double ty) {}

    /** What the world last saved of an actor: its walk after {@code tick} ({@code actor_walks}), and its position. */
    record Saved(Walk walk, long tick, double x, double y) {}

    /** The states of a walk, one a tick, from {@code from} itself to the arrival. */
    static List<double[]> path(Walk from) {
        List<double[]> states = new ArrayList<>();
        double x = from.x();
        double y = from.y();
        states.add(new double[] {x, y});
        while (x != from.tx() || y != from.ty()) {
            double dx = from.tx() - x;
            double dy = from.ty() - y;
            double dist = Math.sqrt(dx * dx + dy * dy);
            if (dist <= STEP) {
                x = from.tx();
                y = from.ty();
            } else {
                x = x + (dx / dist) * STEP;
                y = y + (dy / dist) * STEP;
            }
            states.add(new double[] {x, y});
        }
        return states;
    }

    /** What the world last saved of the actor; empty before it ever walked. */
    static Optional<Saved> saved(RunningSystem system, long actorId) {
        var stack = system.stack();
        try (Connection db = DriverManager.getConnection(stack.jdbcUrl(), stack.username(), stack.password());
                PreparedStatement select = db.prepareStatement("select w.x, w.y, w.tx, w.ty, w.tick, ie.x, ie.y"
                        + " from actors a join instanced_entities ie on ie.id = a.instanced_entity_id"
                        + " join actor_walks w on w.instanced_entity_id = ie.id where a.id = ?")) {
            select.setLong(1, actorId);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new Saved(
                                new Walk(row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4)),
                                row.getLong(5),
                                row.getDouble(6),
                                row.getDouble(7)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the saved walk of actor " + actorId, e);
        }
    }
}
