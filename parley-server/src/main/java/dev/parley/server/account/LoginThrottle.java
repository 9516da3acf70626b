package dev.parley.server.account;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed password sign-ins counted per account, so that guessing one account's password is slow from any number of
 * addresses, while one address that guesses cannot lock the owner out.
 * <p>
 * Two counts, keyed by the canonical user id (unknown users are counted like known ones, so the answers do not tell
 * which users exist):
 * <ul>
 * <li>per account <em>and</em> address: {@link #FREE_PER_ADDRESS} failures are free; from then on each failure locks
 * that pair for {@link #FIRST_LOCK}, doubling with every further failure up to {@link #MAX_LOCK}. The owner, on
 * another address, is not affected.</li>
 * <li>per account, all addresses together: {@link #FREE_PER_ACCOUNT} failures are free, then the same doubling lock
 * for every address. This is what stops guessing from many addresses; the owner is locked out only after that many
 * failures that were not theirs.</li>
 * </ul>
 * A right password resets both counts. While either lock holds, a sign-in is refused before its password is hashed.
 * <p>
 * An attempt counts as a failure from the moment it is let through ({@link #tryBegin}) until it succeeds, so a burst
 * of parallel guesses cannot slip past the count while the first ones are still being hashed.
 * <p>
 * Memory: one small entry per account and per account+address pair that failed recently; {@link #forgetIdle} drops
 * those whose last failure is older than {@link #MAX_LOCK} and that are not locked. Beyond {@link #MAX_TRACKED}
 * entries a new pair or account is let through uncounted (the per-address login rate still applies).
 * <p>
 * Threading: thread-safe and non-blocking.
 */
final class LoginThrottle {
    /** Failures of one account from one address before the pair is locked. */
    static final int FREE_PER_ADDRESS = 5;
    /** Failures of one account from all addresses before the account is locked. */
    static final int FREE_PER_ACCOUNT = 100;
    /** The first lock; each further failure doubles it. */
    static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    /** The longest lock. */
    static final Duration MAX_LOCK = Duration.ofMinutes(15);
    /** Entries kept in each table at most. */
    static final int MAX_TRACKED = 100_000;

    private final ConcurrentHashMap<String, Failures> pairs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Failures> accounts = new ConcurrentHashMap<>();

    /**
     * Lets a sign-in of {@code account} from {@code address} through, counting it as a failure until
     * {@link #succeeded} says otherwise, or says how long it must wait.
     *
     * @return {@link Duration#ZERO} when let through, else the time left of the lock
     */
    Duration tryBegin(String account, String address, long nowMillis) {
        Failures pair = entry(pairs, account + "\n" + address, nowMillis);
        Failures all = entry(accounts, account, nowMillis);
        long wait = Math.max(pair == null ? 0 : pair.lockedFor(nowMillis), all == null ? 0 : all.lockedFor(nowMillis));
        if (wait > 0) {
            return Duration.ofMillis(wait);
        }
        if (pair != null) {
            pair.fail(nowMillis, FREE_PER_ADDRESS);
        }
        if (all != null) {
            all.fail(nowMillis, FREE_PER_ACCOUNT);
        }
        return Duration.ZERO;
    }

    /** The sign-in let through by {@link #tryBegin} had the right password: both counts start again. */
    void succeeded(String account, String address) {
        pairs.remove(account + "\n" + address);
        accounts.remove(account);
    }

    /**
     * The sign-in let through by {@link #tryBegin} was never judged (the server was too busy to hash it): it no
     * longer counts, though a lock it set stays.
     */
    void abandoned(String account, String address) {
        Failures pair = pairs.get(account + "\n" + address);
        if (pair != null) {
            pair.uncount();
        }
        Failures all = accounts.get(account);
        if (all != null) {
            all.uncount();
        }
    }

    /** Drops entries that are not locked and have not failed for {@link #MAX_LOCK}. */
    void forgetIdle(long nowMillis) {
        pairs.values().removeIf(f -> f.idle(nowMillis));
        accounts.values().removeIf(f -> f.idle(nowMillis));
    }

    /** Entries held (tests). */
    int tracked() {
        return pairs.size() + accounts.size();
    }

    private static Failures entry(ConcurrentHashMap<String, Failures> table, String key, long nowMillis) {
        Failures f = table.get(key);
        if (f != null) {
            return f;
        }
        if (table.size() >= MAX_TRACKED) {
            table.values().removeIf(e -> e.idle(nowMillis));
            if (table.size() >= MAX_TRACKED) {
                return null;
            }
        }
        return table.computeIfAbsent(key, k -> new Failures());
    }

    private static final class Failures {
        private int count;
        private long lockedUntil;
        private long lastFailure;

        synchronized long lockedFor(long now) {
            return Math.max(0, lockedUntil - now);
        }

        synchronized void fail(long now, int free) {
            count++;
            lastFailure = now;
            if (count >= free) {
                int doublings = Math.min(count - free, 30);
                long lock = Math.min(MAX_LOCK.toMillis(), FIRST_LOCK.toMillis() << doublings);
                lockedUntil = now + lock;
            }
        }

        synchronized void uncount() {
            count = Math.max(0, count - 1);
        }

        synchronized boolean idle(long now) {
            return now >= lockedUntil && now - lastFailure >= MAX_LOCK.toMillis();
        }
    }
}
