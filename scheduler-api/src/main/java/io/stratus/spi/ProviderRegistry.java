package io.stratus.spi;

import io.stratus.InvalidConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers of one SPI, keyed by id: loaded through {@link ServiceLoader}, registered by hand, or both. Duplicate
 * ids are rejected; lookups that find nothing or too much fail with a message that lists the fixes.
 *
 * <p><b>Simulated providers are opt-in.</b> Loading holds back every provider whose {@link
 * StratusProvider#isSimulated()} is true (e.g. the {@code simulated} pricing, inventory, metrics, billing and
 * performance history providers of {@code stratus-simulation}): {@link #all()}, {@link #single()} and {@link #ids()}
 * leave them out, so a demo never poses as a real provider just because its jar is on the classpath. A host asks for
 * them explicitly, all at once or by name:
 *
 * <pre>{@code
 * ProviderRegistry.load(PricingProvider.class).all();                     // real providers only, e.g. [catalog]
 * ProviderRegistry.load(PricingProvider.class).includeSimulated().all();  // plus the simulated demo clouds
 * ProviderRegistry.load(InventoryProvider.class).require("simulated");     // one demo provider, by name
 * }</pre>
 *
 * <p>Providers registered by hand ({@link #register}) are the host's explicit choice and are returned whether
 * simulated or not. Loading instantiates every listed provider to read its id and flag, so provider constructors must
 * stay cheap (the simulated ones build their demo environment on first use, not when constructed).
 *
 * <p>Thread-safe: changes are serialized, lookups do not block. Listeners are called on the registering thread; a
 * listener that throws is logged and skipped.
 *
 * @param <T> the SPI type
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ProviderRegistry<T extends StratusProvider> {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

  /** What happened to an entry. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public enum EventType {
    /** A provider was added. */
    ADDED,
    /** A provider was removed. */
    REMOVED
  }

  /**
   * A change to the registry.
   *
   * @param type added or removed
   * @param provider the provider concerned
   * @param <T> the SPI type
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public record Event<T>(EventType type, T provider) {}

  private final Class<T> spi;
  private final Map<String, T> providers = new ConcurrentHashMap<>();
  /** Simulated providers that loading found and held back until the host asks for them. */
  private final Map<String, T> heldBack = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private final List<Consumer<Event<T>>> listeners = new CopyOnWriteArrayList<>();

  private ProviderRegistry(Class<T> spi) {
    this.spi = Objects.requireNonNull(spi, "spi");
  }

  /**
   * An empty registry for hand registration.
   *
   * @param spi the SPI interface; never null
   * @param <T> the SPI type
   * @return a new registry; never null
   */
  public static <T extends StratusProvider> ProviderRegistry<T> empty(Class<T> spi) {
    return new ProviderRegistry<>(spi);
  }

  /**
   * A registry filled with every provider the thread's context class loader finds; simulated providers are held back
   * (see the class comment).
   *
   * @param spi the SPI interface; never null
   * @param <T> the SPI type
   * @return a new registry; never null
   * @throws InvalidConfigurationException if two providers share an id
   */
  public static <T extends StratusProvider> ProviderRegistry<T> load(Class<T> spi) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(spi, loader != null ? loader : spi.getClassLoader());
  }

  /**
   * A registry filled with every provider the class loader finds; simulated providers are held back (see the class
   * comment).
   *
   * @param spi the SPI interface; never null
   * @param classLoader where to look; never null
   * @param <T> the SPI type
   * @return a new registry; never null
   * @throws InvalidConfigurationException if two providers share an id or a listed provider cannot be loaded
   */
  public static <T extends StratusProvider> ProviderRegistry<T> load(Class<T> spi, ClassLoader classLoader) {
    ProviderRegistry<T> registry = new ProviderRegistry<>(spi);
    try {
      loadInto(registry, spi, classLoader);
    } catch (ServiceConfigurationError e) {
      InvalidConfigurationException failure =
          new InvalidConfigurationException(
              "cannot load a " + spi.getSimpleName() + " listed in META-INF/services/" + spi.getName() + ": "
                  + e.getMessage() + ". Fix: make the listed class public with a public no-arg constructor and"
                  + " implement " + spi.getName() + ", or remove it from that file.");
      failure.initCause(e);
      throw failure;
    }
    return registry;
  }

  private static <T extends StratusProvider> void loadInto(
      ProviderRegistry<T> registry, Class<T> spi, ClassLoader classLoader) {
    for (T provider : ServiceLoader.load(spi, Objects.requireNonNull(classLoader, "classLoader"))) {
      if (provider.isSimulated()) {
        registry.holdBack(provider);
      } else {
        registry.register(provider);
      }
      LOG.debug(
          "found {} '{}' ({}{}) in {}",
          spi.getSimpleName(),
          provider.id(),
          provider.description(),
          provider.isSimulated() ? "; simulated, held back until includeSimulated() or require(id)" : "",
          provider.getClass().getProtectionDomain().getCodeSource() == null
              ? "unknown location"
              : provider.getClass().getProtectionDomain().getCodeSource().getLocation());
    }
  }

  private void holdBack(T provider) {
    String id = checkedId(provider);
    synchronized (lock) {
      T previous = providers.containsKey(id) ? providers.get(id) : heldBack.get(id);
      if (previous != null) {
        throw duplicate(id, previous, provider);
      }
      heldBack.put(id, provider);
    }
  }

  private String checkedId(T provider) {
    Objects.requireNonNull(provider, "provider");
    String id = provider.id();
    if (id == null || id.isBlank()) {
      throw new InvalidConfigurationException(
          spi.getSimpleName() + " " + provider.getClass().getName() + " has a blank id; id() must return a name");
    }
    return id;
  }

  private InvalidConfigurationException duplicate(String id, T previous, T provider) {
    return new InvalidConfigurationException(
        "duplicate " + spi.getSimpleName() + " id '" + id + "': " + previous.getClass().getName() + " and "
            + provider.getClass().getName() + ". Remove one from the classpath (META-INF/services/"
            + spi.getName() + ") or give it another id.");
  }

  /**
   * Adds a provider, simulated or not: registering by hand is the host's explicit choice, so {@link #all()} returns
   * it. A simulated provider that loading held back under the same id is replaced.
   *
   * @param provider the provider; never null
   * @return this registry
   * @throws InvalidConfigurationException if its id is blank or already taken
   */
  public ProviderRegistry<T> register(T provider) {
    String id = checkedId(provider);
    synchronized (lock) {
      T previous = providers.get(id);
      if (previous != null) {
        throw duplicate(id, previous, provider);
      }
      providers.put(id, provider);
      T replaced = heldBack.remove(id);
      if (replaced != null) {
        LOG.debug("{} '{}' registered by hand replaces the held-back simulated {}", spi.getSimpleName(), id,
            replaced.getClass().getName());
      }
    }
    publish(new Event<>(EventType.ADDED, provider));
    return this;
  }

  /**
   * Makes the simulated providers that loading held back part of the registry, so that {@link #all()}, {@link
   * #single()} and {@link #ids()} return them too; for demos, tests and what-if runs that want the simulated clouds.
   * Listeners hear an {@link EventType#ADDED} for each. Calling it again does nothing.
   *
   * @return this registry; never null
   */
  public ProviderRegistry<T> includeSimulated() {
    List<T> added = new ArrayList<>();
    synchronized (lock) {
      for (T provider : new TreeMap<>(heldBack).values()) {
        providers.put(provider.id(), provider);
        heldBack.remove(provider.id());
        added.add(provider);
      }
    }
    added.forEach(p -> publish(new Event<>(EventType.ADDED, p)));
    return this;
  }

  /**
   * Removes a provider, or forgets a held-back simulated one.
   *
   * @param id the provider's id; never null
   * @return the removed provider, empty when none had the id
   */
  public Optional<T> unregister(String id) {
    Objects.requireNonNull(id, "id");
    T removed;
    T forgotten;
    synchronized (lock) {
      removed = providers.remove(id);
      forgotten = heldBack.remove(id);
    }
    if (removed != null) {
      publish(new Event<>(EventType.REMOVED, removed));
    }
    return Optional.ofNullable(removed != null ? removed : forgotten);
  }

  /**
   * Looks a provider up by id. Naming a simulated provider that loading held back is asking for it, so it is found
   * too (without becoming part of {@link #all()}).
   *
   * @param id the id; never null
   * @return the provider, empty when none has the id
   */
  public Optional<T> find(String id) {
    Objects.requireNonNull(id, "id");
    T found = providers.get(id);
    return Optional.ofNullable(found != null ? found : heldBack.get(id));
  }

  /**
   * Looks a provider up that must exist; like {@link #find}, it also returns a held-back simulated provider by name.
   *
   * @param id the id; never null
   * @return the provider; never null
   * @throws InvalidConfigurationException if none has the id, listing the ids that exist
   */
  public T require(String id) {
    return find(id)
        .orElseThrow(
            () ->
                new InvalidConfigurationException(
                    "no " + spi.getSimpleName() + " with id '" + id + "'; registered: " + ids()
                        + heldBackNote() + ". Add the module that provides it to the classpath or register it by"
                        + " hand."));
  }

  /**
   * Resolves a single-slot SPI: the one provider there is. Held-back simulated providers do not count (see the class
   * comment).
   *
   * @return the provider; never null
   * @throws InvalidConfigurationException if there is none or several, saying how to fix it
   */
  public T single() {
    List<T> all = all();
    if (all.isEmpty()) {
      throw new InvalidConfigurationException(
          "no " + spi.getSimpleName() + " found" + heldBackNote() + ". Fix: add a module that provides one (e.g."
              + " stratus-scheduler-core for the bundled price catalog), register one by hand, list it in"
              + " META-INF/services/" + spi.getName() + ", or, for a demo, opt in to the simulated providers with"
              + " includeSimulated() or require(id).");
    }
    if (all.size() > 1) {
      throw new InvalidConfigurationException(
          "several " + spi.getSimpleName() + "s found " + ids() + "; choose one by id (require(id)) or remove the"
              + " others from the classpath.");
    }
    return all.get(0);
  }

  private String heldBackNote() {
    List<String> held = List.copyOf(new TreeMap<>(heldBack).keySet());
    return held.isEmpty() ? "" : " (simulated, held back until includeSimulated(): " + held + ")";
  }

  /**
   * Every provider, ordered by id; without the simulated providers that loading held back (see the class comment).
   *
   * @return an immutable list; never null
   */
  public List<T> all() {
    return List.copyOf(new TreeMap<>(providers).values());
  }

  /**
   * Registered ids in order; without the simulated providers that loading held back.
   *
   * @return an immutable list; never null
   */
  public List<String> ids() {
    return List.copyOf(new TreeMap<>(providers).keySet());
  }

  /**
   * Subscribes to additions and removals.
   *
   * @param listener called for each change; never null
   * @return this registry
   */
  public ProviderRegistry<T> addListener(Consumer<Event<T>> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Registers every provider of a collection.
   *
   * @param values the providers; never null
   * @return this registry
   * @throws InvalidConfigurationException on a duplicate id
   */
  public ProviderRegistry<T> registerAll(Collection<? extends T> values) {
    for (T value : new ArrayList<>(values)) {
      register(value);
    }
    return this;
  }

  private void publish(Event<T> event) {
    for (Consumer<Event<T>> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("registry listener failed on {} of '{}'", event.type(), event.provider().id(), e);
      }
    }
  }
}
