package dev.mmo.auth.account;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The character a user plays: one per user, standing as one instanced entity. */
@Entity
@Table(name = "actors")
public class Actor extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @OneToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", nullable = false, unique = true)
    public User user;

    @OneToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "instanced_entity_id", nullable = false, unique = true)
    public InstancedEntity instancedEntity;

    @Column(name = "avatar_id", nullable = false)
    public int avatarId;

    protected Actor() {}

    Actor(User user, InstancedEntity instancedEntity, int avatarId) {
        this.user = user;
        this.instancedEntity = instancedEntity;
        this.avatarId = avatarId;
    }
}
