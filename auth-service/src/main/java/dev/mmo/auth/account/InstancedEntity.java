package dev.mmo.auth.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A {@link GameEntity} placed in the world at a position. */
@Entity
@Table(name = "instanced_entities")
public class InstancedEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public double x;

    @Column(nullable = false)
    public double y;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "entity_id", nullable = false)
    public GameEntity entity;

    protected InstancedEntity() {}

    InstancedEntity(GameEntity entity, double x, double y) {
        this.entity = entity;
        this.x = x;
        this.y = y;
    }
}
