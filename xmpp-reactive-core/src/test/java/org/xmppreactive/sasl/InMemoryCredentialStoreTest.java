package org.xmppreactive.sasl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class InMemoryCredentialStoreTest {

    @Test
    void addingWithAPasswordStoresKeysForEveryHashWithTheirOwnSalt() {
        InMemoryCredentialStore store = new InMemoryCredentialStore(100).add("juliet", "r0m30myr0m30");

        ScramCredentials sha1 = store.lookup("juliet", ScramHash.SHA_1).block();
        ScramCredentials sha256 = store.lookup("juliet", ScramHash.SHA_256).block();
        ScramCredentials sha512 = store.lookup("juliet", ScramHash.SHA_512).block();

        for (ScramCredentials keys : new ScramCredentials[] {sha1, sha256, sha512}) {
            assertThat(keys.iterations()).isEqualTo(100);
            assertThat(keys.salt()).hasSize(16);
            assertThat(keys).isEqualTo(ScramCredentials.derive(keys.hash(), "r0m30myr0m30", keys.salt(), 100));
        }
        assertThat(sha1.salt()).isNotEqualTo(sha256.salt());
    }

    @Test
    void theDefaultIterationCountIs4096() {
        InMemoryCredentialStore store = new InMemoryCredentialStore().add("juliet", "r0m30myr0m30");

        assertThat(store.lookup("juliet", ScramHash.SHA_256).block().iterations()).isEqualTo(4096);
    }

    @Test
    void usernamesArePreparedAsLocalparts() {
        InMemoryCredentialStore store = new InMemoryCredentialStore(1).add("Juliet", "r0m30myr0m30");

        assertThat(store.usernames()).containsExactly("juliet");
        assertThat(store.lookup("JULIET", ScramHash.SHA_1).block()).isNotNull();
        assertThatThrownBy(() -> store.add("juliet@example.com", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.add("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownAccountOrAMissingHashFindsNothing() {
        ScramCredentials sha1 = ScramCredentials.derive(ScramHash.SHA_1, "pw", new byte[] {1}, 1);
        InMemoryCredentialStore store = new InMemoryCredentialStore().add("juliet", sha1);

        StepVerifier.create(store.lookup("romeo", ScramHash.SHA_1)).verifyComplete();
        StepVerifier.create(store.lookup("juliet", ScramHash.SHA_256)).verifyComplete();
        StepVerifier.create(store.lookup("no@such", ScramHash.SHA_1)).verifyComplete();
        StepVerifier.create(store.lookup("juliet", ScramHash.SHA_1)).expectNext(sha1).verifyComplete();
    }

    @Test
    void addingAgainReplacesAndRemovingForgets() {
        InMemoryCredentialStore store = new InMemoryCredentialStore(1).add("juliet", "old");
        store.add("juliet", "new");
        ScramCredentials keys = store.lookup("juliet", ScramHash.SHA_256).block();

        assertThat(keys).isEqualTo(ScramCredentials.derive(ScramHash.SHA_256, "new", keys.salt(), 1));
        assertThat(store.remove("Juliet")).isTrue();
        assertThat(store.remove("juliet")).isFalse();
        assertThat(store.remove("no@such")).isFalse();
        StepVerifier.create(store.lookup("juliet", ScramHash.SHA_256)).verifyComplete();
    }

    @Test
    void twoKeySetsForOneHashAreRefused() {
        ScramCredentials a = ScramCredentials.derive(ScramHash.SHA_1, "a", new byte[] {1}, 1);
        ScramCredentials b = ScramCredentials.derive(ScramHash.SHA_1, "b", new byte[] {1}, 1);

        assertThatThrownBy(() -> new InMemoryCredentialStore().add("juliet", a, b))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anIterationCountBelowOneIsRefused() {
        assertThatThrownBy(() -> new InMemoryCredentialStore(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountsAddedFromManyThreadsAreAllThere() throws Exception {
        InMemoryCredentialStore store = new InMemoryCredentialStore(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < 200; i++) {
            String name = "user" + i;
            pool.execute(() -> store.add(name, "pw"));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(store.usernames()).hasSize(200);
    }
}
