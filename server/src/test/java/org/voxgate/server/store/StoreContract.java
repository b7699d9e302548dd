package org.voxgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voxgate.bridge.api.LegStats;
import org.voxgate.sip.CallRecord;
import org.voxgate.sip.DialPlanRoute;
import org.voxgate.sip.EndCause;
import org.voxgate.sip.Meeting;
import org.voxgate.sip.MeetingDirectory;

/** The store's behaviour; run on H2 ({@link StoreH2Test}) and PostgreSQL ({@link StorePostgresIT}). */
abstract class StoreContract {

    protected Database db;
    protected Store store;
    protected Actor a;
    protected Actor b;

    /** A fresh, migrated, empty database. */
    protected abstract Database open() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = open();
        byte[] k = new byte[32];
        k[5] = 9;
        store = new Store(db, new SecretBox(k), false);
        Store.NewAccount first = store.bootstrap("").orElseThrow();
        a = store.apiKeys().authenticate(first.key().plaintext()).orElseThrow();
        Store.NewAccount second = store.createAccount(a, "Tenant B", "bob");
        b = store.apiKeys().authenticate(second.key().plaintext()).orElseThrow();
    }

    @AfterEach
    void tearDown() {
        if (db != null) {
            db.close();
        }
    }

    static Map<String, Object> trunk(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("hosts", List.of("sip.carrier.example", "192.0.2.10"));
        m.put("inboundCidrs", List.of("192.0.2.0/24"));
        m.put("registerEnabled", true);
        m.put("registerUsername", "acct1");
        m.put("registerPassword", "Reg-Passw0rd!");
        return m;
    }

    @Test
    void bootstrapHappensOnceAndItsKeyIsAnOwnerOfThePlatformAccount() {
        assertThat(store.bootstrap("")).isEmpty();
        assertThat(a.role()).isEqualTo(Role.OWNER);
        assertThat(a.platformAccount()).isTrue();
        assertThat(b.platformAccount()).isFalse();
        assertThat(b.role()).isEqualTo(Role.OWNER);
        assertThat(store.accounts().listAll(10, 0).total()).isEqualTo(2);
    }

    @Test
    void authenticationNeedsTheExactKey() {
        ApiKeyRepository.Created k = store.apiKeys().issue(a, a.userId(), "ci").orElseThrow();
        assertThat(store.apiKeys().authenticate(k.plaintext())).map(Actor::keyId).contains(k.info().id());
        String wrong = k.plaintext().substring(0, k.plaintext().length() - 1)
                + (k.plaintext().endsWith("A") ? "B" : "A");
        assertThat(store.apiKeys().authenticate(wrong)).isEmpty();
        assertThat(store.apiKeys().authenticate("vgk_0000000000000000_" + "A".repeat(43))).isEmpty();
        assertThat(store.apiKeys().authenticate("nonsense")).isEmpty();
        assertThat(store.apiKeys().revoke(a, a.userId(), k.info().id())).isTrue();
        assertThat(store.apiKeys().authenticate(k.plaintext())).isEmpty();
        // b cannot issue keys for a's users
        assertThat(store.apiKeys().issue(b, a.userId(), "x")).isEmpty();
    }

    @Test
    void configuredBootstrapKeyIsUsedAndCheckedForFormat() throws Exception {
        assertThatThrownBy(() -> store.bootstrap("not-a-key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trunkDefaultsSecretsSealedAndNotShown() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        assertThat(t.values()).containsEntry("direction", "both").containsEntry("port", 5060)
                .containsEntry("transport", "udp").containsEntry("codecs", List.of("PCMU", "PCMA"))
                .containsEntry("srtpPolicy", "off").containsEntry("enabled", true);
        assertThat(t.publicView()).containsEntry("registerPasswordSet", true).containsEntry("inboundPasswordSet", false)
                .doesNotContainKey("registerPassword");
        assertThat(t.publicView().toString()).doesNotContain("Reg-Passw0rd!");
        String raw = db.jdbi().withHandle(h -> h.createQuery("SELECT register_password_sealed FROM trunks")
                .mapTo(String.class).one());
        assertThat(raw).startsWith("v1:").doesNotContain("Reg-Passw0rd");
        assertThat(store.trunks().reveal(t, "registerPassword")).isEqualTo("Reg-Passw0rd!");
    }

    @Test
    void anotherTenantCannotReadChangeOrDeleteAndListsOnlyItsOwn() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        assertThat(store.trunks().find(b.accountId(), t.id())).isEmpty();
        assertThat(store.trunks().list(b.accountId(), 50, 0).total()).isZero();
        assertThat(store.trunks().update(b, t.id(), 1, Map.of("name", "stolen")).status())
                .isEqualTo(Change.Status.NOT_FOUND);
        assertThat(store.trunks().delete(b, t.id(), 1).status()).isEqualTo(Change.Status.NOT_FOUND);
        // a number of b cannot point at a's trunk
        assertThatThrownBy(() -> store.numbers().create(b, Map.of("e164", "+4930123456", "trunkId", t.id())))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("trunkId"));
        assertThat(store.trunks().find(a.accountId(), t.id()).orElseThrow().values()).containsEntry("name", "carrier-1");
        // the same name is fine in another account
        store.trunks().create(b, trunk("carrier-1"));
    }

    @Test
    void staleVersionIsRefusedAndPatchKeepsUnsetFields() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        Change c = store.trunks().update(a, t.id(), 1, Map.of("maxChannels", 60));
        assertThat(c.status()).isEqualTo(Change.Status.OK);
        assertThat(c.row().version()).isEqualTo(2);
        assertThat(c.row().values()).containsEntry("maxChannels", 60).containsEntry("name", "carrier-1");
        assertThat(store.trunks().reveal(c.row(), "registerPassword")).isEqualTo("Reg-Passw0rd!");
        Change stale = store.trunks().update(a, t.id(), 1, Map.of("maxChannels", 70));
        assertThat(stale.status()).isEqualTo(Change.Status.VERSION_MISMATCH);
        assertThat(stale.row().version()).isEqualTo(2);
        assertThat(store.trunks().delete(a, t.id(), 1).status()).isEqualTo(Change.Status.VERSION_MISMATCH);
        assertThat(store.trunks().delete(a, t.id(), 2).status()).isEqualTo(Change.Status.OK);
        assertThat(store.trunks().find(a.accountId(), t.id())).isEmpty();
    }

    @Test
    void uniqueAndInUseConflictsNameTheField() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        assertThatThrownBy(() -> store.trunks().create(a, trunk("carrier-1")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("name"));
        store.meetings().create(a, Map.of("name", "Weekly", "accessCode", "123456"));
        assertThatThrownBy(() -> store.meetings().create(b, Map.of("name", "Other", "accessCode", "123456")))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("accessCode"));
        store.numbers().create(a, Map.of("e164", "+4930123456", "trunkId", t.id()));
        assertThatThrownBy(() -> store.trunks().delete(a, t.id(), 1))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.getMessage()).contains("phone numbers"));
    }

    @Test
    void everyChangeIsAuditedWithoutSecrets() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        store.trunks().update(a, t.id(), 1, Map.of("registerPassword", "An0ther-Secret"));
        store.trunks().delete(a, t.id(), 2);
        Page<AuditLog.Entry> log = store.audit().list(a.accountId(), 10, 0);
        assertThat(log.items()).extracting(AuditLog.Entry::action).startsWith("delete", "update", "create");
        AuditLog.Entry upd = log.items().get(1);
        assertThat(upd.actorUserId()).isEqualTo(a.userId());
        assertThat(upd.actorKeyId()).isEqualTo(a.keyId());
        assertThat(upd.before()).contains("\"version\":1").contains("registerPasswordSet");
        assertThat(upd.after()).contains("\"version\":2");
        for (AuditLog.Entry e : log.items()) {
            assertThat(String.valueOf(e.before()) + e.after()).doesNotContain("Reg-Passw0rd").doesNotContain("An0ther");
        }
        assertThat(store.audit().list(b.accountId(), 10, 0).items())
                .noneMatch(e -> e.objectId().equals(t.id()));
    }

    @Test
    void pagination() {
        for (int i = 0; i < 5; i++) {
            store.meetings().create(a, Map.of("name", "m" + i, "accessCode", "10000" + i));
        }
        Page<Row> p1 = store.meetings().list(a.accountId(), 2, 0);
        Page<Row> p3 = store.meetings().list(a.accountId(), 2, 4);
        assertThat(p1.items()).hasSize(2);
        assertThat(p1.total()).isEqualTo(5);
        assertThat(p1.nextOffset()).isEqualTo(2);
        assertThat(p3.items()).hasSize(1);
        assertThat(p3.nextOffset()).isEqualTo(-1);
    }

    @Test
    void meetingDirectoryRoutesNumbersAndFindsMeetingsWithTheirPins() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        Row m = store.meetings().create(a, Map.of("name", "Board", "accessCode", "555123", "participantPin", "1111",
                "moderatorPin", "2222", "maxParticipants", 20));
        Map<String, Object> direct = new HashMap<>(Map.of("e164", "+4930999000", "trunkId", t.id(), "route", "meeting"));
        direct.put("meetingId", m.id());
        store.numbers().create(a, direct);
        store.numbers().create(a, Map.of("e164", "+4930999001", "trunkId", t.id()));
        MeetingDirectory fallback = new MeetingDirectory() {
            @Override
            public Optional<Meeting> findByAccessCode(String code) {
                return code.equals("4242") ? Optional.of(new Meeting("demo", "4242", null, null, 5)) : Optional.empty();
            }

            @Override
            public DialPlanRoute route(String n) {
                return n.equals("conference") ? DialPlanRoute.ivr() : DialPlanRoute.notFound();
            }
        };
        StoreMeetingDirectory dir = new StoreMeetingDirectory(store, fallback);
        Meeting found = dir.findByAccessCode("555123").orElseThrow();
        assertThat(found).isEqualTo(new Meeting(m.id(), "555123", "1111", "2222", 20));
        assertThat(dir.route("+4930999000")).isEqualTo(DialPlanRoute.meeting(found).ownedBy(a.accountId()));
        assertThat(dir.route("+4930999001").accountId()).isEqualTo(a.accountId());
        assertThat(dir.route("conference").accountId()).as("the demo number has no account").isNull();
        assertThat(dir.route("4930999001").kind()).isEqualTo(DialPlanRoute.Kind.IVR);
        assertThat(dir.route("conference").kind()).isEqualTo(DialPlanRoute.Kind.IVR);
        assertThat(dir.route("+4930111111").kind()).isEqualTo(DialPlanRoute.Kind.NOT_FOUND);
        assertThat(dir.findByAccessCode("4242")).isPresent();
        assertThat(dir.findByAccessCode("999999")).isEmpty();

        store.meetings().update(a, m.id(), 1, Map.of("locked", true));
        assertThat(dir.findByAccessCode("555123")).isEmpty();
        store.trunks().update(a, t.id(), 1, Map.of("enabled", false));
        assertThat(dir.route("+4930999001").kind()).isEqualTo(DialPlanRoute.Kind.NOT_FOUND);
    }

    @Test
    void finishedCallsBecomeCdrsOfTheNumbersAccount() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        store.numbers().create(a, Map.of("e164", "+4930999001", "trunkId", t.id()));
        Instant start = Instant.parse("2026-01-02T03:04:05Z");
        CdrCallListener l = new CdrCallListener(store);
        l.callEnded(new CallRecord("c1@x", "<sip:+15551234@carrier>;tag=1", "<sip:+4930999001@voxgate>", null, start,
                start.plusSeconds(1), start.plusSeconds(61), EndCause.CALLER_HANGUP, 200, "PCMU",
                new LegStats("PCMU", 3000, 3000, 7, 0, 2.5)));
        l.callEnded(new CallRecord("c2@x", "sip:x@y", "sip:conference@voxgate", null, start, null, start,
                EndCause.REJECTED, 404, null, null));
        Page<CdrRepository.Cdr> cdrs = store.cdrs().list(a.accountId(), 10, 0);
        assertThat(cdrs.items()).hasSize(1);
        CdrRepository.Cdr c = cdrs.items().get(0);
        assertThat(c.calledNumber()).isEqualTo("+4930999001");
        assertThat(c.trunkId()).isEqualTo(t.id());
        assertThat(c.packetsLost()).isEqualTo(7);
        assertThat(c.jitterMs()).isEqualTo(2.5);
        assertThat(c.answerTime()).isEqualTo(start.plusSeconds(1));
        assertThat(c.cause()).isEqualTo("CALLER_HANGUP");
        assertThat(store.cdrs().list(b.accountId(), 10, 0).total()).isZero();
        assertThat(store.cdrs().find(b.accountId(), c.id())).isEmpty();
    }

    @Test
    void accessCodesAreLookedUpInTheCalledNumbersAccountOnly() {
        Row ta = store.trunks().create(a, trunk("carrier-a"));
        store.numbers().create(a, Map.of("e164", "+4930999001", "trunkId", ta.id()));
        Row mb = store.meetings().create(b, Map.of("name", "B only", "accessCode", "777777"));
        StoreMeetingDirectory dir = new StoreMeetingDirectory(store, null);
        DialPlanRoute route = dir.route("+4930999001");
        assertThat(dir.findByAccessCode(route.accountId(), "777777")).as("tenant B's meeting via A's number").isEmpty();
        assertThat(dir.findByAccessCode(b.accountId(), "777777")).map(Meeting::id).contains(mb.id());
        assertThat(dir.findByAccessCode(null, "777777")).as("no account: the local demo path").isPresent();
    }

    @Test
    void trunkDirectorySeesLocalWritesAtOnceAndOtherNodesWritesByPolling() {
        Map<String, Object> m = trunk("carrier-1");
        m.put("inboundUsername", "carrier");
        m.put("inboundPassword", "In-Passw0rd!");
        m.put("srtpPolicy", "required");
        m.put("callerIdPolicy", "asserted-only");
        try (StoreTrunkDirectory dir = new StoreTrunkDirectory(store, 50)) {
            long v0 = dir.version();
            assertThat(dir.trunks()).isEmpty();
            Row t = store.trunks().create(a, m);
            assertThat(dir.version()).as("bumped by the create itself").isGreaterThan(v0);
            org.voxgate.sip.Trunk tr = dir.trunks().get(0);
            assertThat(tr.id()).isEqualTo(t.id());
            assertThat(tr.accountId()).isEqualTo(a.accountId());
            assertThat(tr.inboundCidrs()).containsExactly("192.0.2.0/24");
            assertThat(tr.inboundCredentials().password()).isEqualTo("In-Passw0rd!");
            assertThat(tr.inboundCredentials().toString()).doesNotContain("In-Passw0rd!");
            assertThat(tr.registration().credentials().password()).isEqualTo("Reg-Passw0rd!");
            assertThat(tr.srtpPolicy()).isEqualTo(org.voxgate.sip.Trunk.SrtpPolicy.REQUIRED);
            assertThat(tr.callerIdPolicy()).isEqualTo(org.voxgate.sip.Trunk.CallerIdPolicy.ASSERTED_ONLY);
            assertThat(tr.direction()).isEqualTo(org.voxgate.sip.Trunk.Direction.BOTH);
            assertThat(tr.enabled()).isTrue();

            long v1 = dir.version();
            store.trunks().update(a, t.id(), 1, Map.of("enabled", false));
            assertThat(dir.version()).isGreaterThan(v1);
            assertThat(dir.trunks().get(0).enabled()).isFalse();

            // another node writes the shared database: no listener here, the poll finds it
            long v2 = dir.version();
            db.jdbi().useHandle(h -> h.createUpdate("UPDATE trunks SET enabled = TRUE, version = version + 1, "
                    + "updated_at = :now WHERE id = :id").bind("now", ResourceRepository.now().plusSeconds(1))
                    .bind("id", t.id()).execute());
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> dir.version() > v2 && dir.trunks().get(0).enabled());

            store.trunks().delete(a, t.id(), 3);
            assertThat(dir.trunks()).isEmpty();
        }
    }

    @Test
    void trunkCallsBecomeCdrsWithTheirTrunkAndTheAssertedOrAnonymousCaller() {
        Row t = store.trunks().create(a, trunk("carrier-1"));
        store.numbers().create(a, Map.of("e164", "+4930999001", "trunkId", t.id()));
        Instant start = Instant.parse("2026-01-02T03:04:05Z");
        CdrCallListener l = new CdrCallListener(store);
        l.callEnded(new CallRecord("c1@x", "sip:+15551234@carrier", "sip:+4930999001@voxgate", null, start,
                start.plusSeconds(1), start.plusSeconds(9), EndCause.CALLER_HANGUP, 200, "PCMU", null, t.id(),
                a.accountId(), "anonymous"));
        CdrRepository.Cdr c = store.cdrs().list(a.accountId(), 10, 0).items().get(0);
        assertThat(c.trunkId()).isEqualTo(t.id());
        assertThat(c.caller()).isEqualTo("anonymous");
        String direction = db.jdbi().withHandle(h -> h.createQuery("SELECT direction FROM cdrs WHERE id = :id")
                .bind("id", c.id()).mapTo(String.class).one());
        assertThat(direction).isEqualTo("inbound");
    }
}
