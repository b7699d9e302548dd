package org.voxgate.server.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jdbi.v3.core.Handle;

/**
 * The admin store: one object holding the repositories over one {@link Database}. Every
 * repository scopes its queries by the caller's account.
 */
public final class Store {

    private final Database db;
    private final Map<String, ResourceRepository> resources = new LinkedHashMap<>();
    private final AccountRepository accounts;
    private final ApiKeyRepository apiKeys;
    private final CdrRepository cdrs;
    private final AuditLog audit;

    /**
     * @param allowInternalHosts accept trunk hosts that point at loopback, link-local or
     *                           metadata addresses (the operator setting admin.allowInternalTrunkHosts)
     */
    public Store(Database db, SecretBox box, boolean allowInternalHosts) {
        this.db = db;
        FieldType.CheckContext ctx = new FieldType.CheckContext(allowInternalHosts);
        for (ResourceDef d : Resources.ALL) {
            resources.put(d.path(), new ResourceRepository(db.jdbi(), d, box, ctx));
        }
        this.accounts = new AccountRepository(db.jdbi());
        this.apiKeys = new ApiKeyRepository(db.jdbi());
        this.cdrs = new CdrRepository(db.jdbi());
        this.audit = new AuditLog(db.jdbi());
    }

    public ResourceRepository users() {
        return resources.get("users");
    }

    public ResourceRepository trunks() {
        return resources.get("trunks");
    }

    public ResourceRepository meetings() {
        return resources.get("meetings");
    }

    public ResourceRepository numbers() {
        return resources.get("numbers");
    }

    /** The repository for a {@link ResourceDef#path()}. */
    public ResourceRepository resource(String path) {
        return resources.get(path);
    }

    public AccountRepository accounts() {
        return accounts;
    }

    public ApiKeyRepository apiKeys() {
        return apiKeys;
    }

    public CdrRepository cdrs() {
        return cdrs;
    }

    public AuditLog audit() {
        return audit;
    }

    /**
     * Records an action that is not a change of a stored object (a dial-out) in the account's
     * audit log: who did it, and what ({@code details}, never a secret).
     */
    public void audit(Actor actor, String action, String objectType, String objectId, java.util.Map<String, Object> details) {
        db.jdbi().useHandle(h -> AuditLog.record(h, actor, actor.accountId(), action, objectType, objectId, null, details));
    }

    public Database database() {
        return db;
    }

    /** A new account with its first user (an owner) and that user's first key. */
    public record NewAccount(AccountRepository.Account account, String ownerUserId, ApiKeyRepository.Created key) {}

    /**
     * First start: when there is no account yet, creates the platform account, an owner user
     * and an API key for it.
     *
     * @param configuredKey a key in the {@code vgk_...} format to use instead of a random one,
     *                      or empty
     * @return the new account when this was the first start, else empty
     * @throws IllegalArgumentException when {@code configuredKey} is not empty and not well formed
     */
    public Optional<NewAccount> bootstrap(String configuredKey) {
        ApiKeys.Issued key;
        if (configuredKey == null || configuredKey.isEmpty()) {
            key = ApiKeys.generate();
        } else {
            ApiKeys.Parsed p = ApiKeys.parse(configuredKey);
            if (p == null) {
                throw new IllegalArgumentException("admin.bootstrapKey must look like vgk_<16 hex>_<43 base64url>");
            }
            key = new ApiKeys.Issued(p.lookupId(), configuredKey, ApiKeys.hash(p.secret()));
        }
        return db.jdbi().inTransaction(h -> {
            int n = h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Integer.class).one();
            if (n > 0) {
                return Optional.empty();
            }
            return Optional.of(createAccount(h, null, "Default", true, "owner", key));
        });
    }

    /**
     * Creates another account (tenant); only owners of the platform account may (the API checks).
     *
     * @throws ValidationException for a bad account or owner name
     */
    public NewAccount createAccount(Actor actor, Object name, Object ownerName) {
        String n = AccountRepository.checkName(name);
        Object owner = ownerName == null ? "owner" : ownerName;
        if (!(owner instanceof String s) || !s.matches("[A-Za-z0-9._@+-]{1,100}")) {
            throw ValidationException.of("ownerName", "is not allowed", "1 to 100 characters: letters, digits, . _ @ + -");
        }
        return db.jdbi().inTransaction(h -> createAccount(h, actor, n, false, (String) owner, ApiKeys.generate()));
    }

    private NewAccount createAccount(Handle h, Actor actor, String name, boolean platform, String ownerName,
                                     ApiKeys.Issued key) {
        AccountRepository.Account a = accounts.insert(h, name, platform);
        String userId = UUID.randomUUID().toString();
        h.createUpdate("INSERT INTO users (id, account_id, name, role, version, created_at, updated_at) "
                        + "VALUES (:id, :a, :n, 'owner', 1, :now, :now)")
                .bind("id", userId).bind("a", a.id()).bind("n", ownerName).bind("now", ResourceRepository.now()).execute();
        ApiKeyRepository.Created k = apiKeys.insert(h, a.id(), userId, "bootstrap", key);
        AuditLog.record(h, actor, a.id(), "create", "accounts", a.id(), null, a.publicView());
        if (actor != null && !actor.accountId().equals(a.id())) {
            AuditLog.record(h, actor, actor.accountId(), "create", "accounts", a.id(), null, a.publicView());
        }
        return new NewAccount(a, userId, k);
    }
}
