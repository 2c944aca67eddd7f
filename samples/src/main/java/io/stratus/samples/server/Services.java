package io.stratus.samples.server;

import io.stratus.adapters.webhooks.Events;
import io.stratus.adapters.webhooks.FileOutbox;
import io.stratus.adapters.webhooks.StratusEvent;
import io.stratus.adapters.webhooks.WebhookDispatcher;
import io.stratus.finops.budget.BudgetManager;
import io.stratus.finops.spi.CostStore;
import io.stratus.monitoring.alerting.AlertConfig;
import io.stratus.monitoring.alerting.AlertEngine;
import io.stratus.monitoring.spi.MetricStore;
import io.stratus.monitoring.store.InMemoryMetricStore;
import io.stratus.scheduler.catalog.BundledCatalog;
import io.stratus.simulation.scenario.ScenarioLimits;
import io.stratus.spi.Notification;
import io.stratus.spi.NotificationChannel;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SDK objects behind the API, on the embedded defaults: an in-memory cost store with a budget manager, an
 * in-memory metric store feeding an alert engine, the bundled price catalog for placement and for the simulated
 * clouds, and a webhook dispatcher over a fsynced file outbox. Thread-safe; {@link #close} releases the outbox and the
 * simulation pool.
 */
final class Services implements AutoCloseable {
  final InstantSource clock;
  final SecureRandom random = new SecureRandom();
  final URI source = URI.create("/stratus/reference-server");
  final CostStore costs = CostStore.inMemory();
  final BudgetManager budgets;
  final MetricStore metrics = InMemoryMetricStore.create();
  final AlertEngine alerts;
  final BundledCatalog catalog = BundledCatalog.load();
  final ScenarioLimits scenarioLimits;
  final ExecutorService simulationPool;
  final FileOutbox outbox;
  final WebhookDispatcher webhooks;
  private final AtomicLong sequence = new AtomicLong();
  private final String instance;

  Services(InstantSource clock, Path dataDirectory, String alertRules, ScenarioLimits limits, int simulationThreads) {
    this.clock = clock;
    byte[] id = new byte[4];
    random.nextBytes(id);
    this.instance = HexFormat.of().formatHex(id);
    this.outbox = FileOutbox.open(dataDirectory.resolve("webhooks.journal"));
    this.webhooks = WebhookDispatcher.builder(outbox, clock).backoff(Duration.ofSeconds(1), 2, Duration.ofMinutes(5))
        .requestTimeout(Duration.ofSeconds(10)).build();
    NotificationChannel toWebhooks = new NotificationChannel() {
      @Override
      public String id() {
        return "webhooks";
      }

      @Override
      public void send(Notification n) {
        publish(Events.alert(source, n, n.status() == Notification.Status.RESOLVED));
      }
    };
    this.budgets = BudgetManager.builder(costs, clock).build();
    this.alerts = AlertEngine.builder().clock(clock).config(AlertConfig.fromYaml(alertRules)).channel(toWebhooks)
        .deliveryExecutor(Runnable::run).build();
    this.scenarioLimits = limits;
    this.simulationPool = Executors.newFixedThreadPool(simulationThreads, named("stratus-simulation"));
  }

  static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** A new resource id: prefix, this server instance and a sequence number. */
  String newId(String prefix) {
    return prefix + "-" + instance + "-" + sequence.incrementAndGet();
  }

  /** A new, unique event id (receivers de-duplicate on it). */
  String eventId(String kind) {
    return "evt-" + kind + "-" + instance + "-" + sequence.incrementAndGet();
  }

  /** Publishes an event to the matching subscriptions; durable in the outbox when this returns. */
  void publish(StratusEvent event) {
    webhooks.publish(event);
  }

  @Override
  public void close() {
    simulationPool.shutdownNow();
    outbox.close();
  }
}
