package dev.mmo.auth.token;

import dev.mmo.auth.account.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One signed-in session: the refresh tokens handed out one after another since a login (see V2__refresh_tokens.sql). */
@Entity
@Table(name = "refresh_token_families")
public class RefreshTokenFamily extends PanacheEntityBase {

    @Id
    public UUID id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id", nullable = false)
    public User user;

    /** SHA-256 of the current token's secret. */
    @Column(name = "current_token_hash", nullable = false)
    public byte[] currentTokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "refreshed_at", nullable = false)
    public Instant refreshedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    protected RefreshTokenFamily() {}

    RefreshTokenFamily(UUID id, User user, byte[] currentTokenHash, Instant now, Instant expiresAt) {
        this.id = id;
        this.user = user;
        this.currentTokenHash = currentTokenHash;
        this.createdAt = now;
        this.refreshedAt = now;
        this.expiresAt = expiresAt;
    }
}
