package io.supportpro.application.service;

import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static io.supportpro.domain.fixtures.OperatorFixtures.operator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.OperatorChoice;
import io.supportpro.application.port.in.PluginOperatorCommand;
import io.supportpro.application.port.in.PluginOperatorResult;
import io.supportpro.application.port.in.PluginOperatorResult.Changed;
import io.supportpro.application.port.in.PluginOperatorResult.NotActive;
import io.supportpro.application.port.in.PluginOperatorResult.UnknownOperator;
import io.supportpro.application.port.in.PluginOperatorsCommand;
import io.supportpro.application.port.in.PluginOperatorsResult;
import io.supportpro.application.port.out.MailDelivery;
import io.supportpro.application.port.out.OperatorChanges;
import io.supportpro.application.port.out.OutgoingMail;
import io.supportpro.application.port.out.PluginRepository;
import io.supportpro.application.testing.AtOnce;
import io.supportpro.application.testing.FakeCodePlugin;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryOperatorRepository;
import io.supportpro.application.testing.InMemoryPanelSettings;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.InMemoryTotpCredentials;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.application.testing.RecordingMailer;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.page.Count;
import io.supportpro.domain.page.Cursor;
import io.supportpro.domain.page.KeysetPage;
import io.supportpro.domain.page.KeysetRequest;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginOperatorFilter;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.secondfactor.SecondFactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PluginOperatorsServiceTest {
  private static final PluginId PROMPT = FakePromptPlugin.ID;
  private static final PasswordHash HASH = new PasswordHash("$fake-sha256$00$unused");

  /** Counts the reads the service makes, so that a page costs one status query, not one a row. */
  private static final class CountingPluginRepository implements PluginRepository {
    private final InMemoryPluginRepository delegate;
    private final List<Collection<OperatorId>> batchReads = new ArrayList<>();
    private int singleReads;
    private volatile Runnable beforeSet = () -> {};

    CountingPluginRepository(InMemoryOperatorRepository operators) {
      this.delegate = new InMemoryPluginRepository(operators);
    }

    @Override
    public Map<PluginId, PluginState> installed() {
      return delegate.installed();
    }

    @Override
    public PluginState state(PluginId plugin) {
      return delegate.state(plugin);
    }

    @Override
    public boolean transition(PluginId plugin, PluginState expected, PluginState next) {
      return delegate.transition(plugin, expected, next);
    }

    @Override
    public PluginSettings settings(PluginId plugin) {
      return delegate.settings(plugin);
    }

    @Override
    public boolean saveSettingsIfActive(PluginId plugin, PluginSettings settings) {
      return delegate.saveSettingsIfActive(plugin, settings);
    }

    @Override
    public Optional<String> operatorValue(PluginId plugin, OperatorId operator, String key) {
      singleReads++;
      return delegate.operatorValue(plugin, operator, key);
    }

    @Override
    public Map<OperatorId, String> operatorValues(
        PluginId plugin, String key, Collection<OperatorId> operators) {
      batchReads.add(List.copyOf(operators));
      return delegate.operatorValues(plugin, key, operators);
    }

    @Override
    public boolean setOperatorValueIfActive(
        PluginId plugin, OperatorId operator, String key, Optional<String> value) {
      beforeSet.run();
      return delegate.setOperatorValueIfActive(plugin, operator, key, value);
    }

    @Override
    public KeysetPage<Operator> operators(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, KeysetRequest page) {
      return delegate.operators(plugin, marker, filter, page);
    }

    @Override
    public long count(PluginId plugin, Marker marker, PluginOperatorFilter filter, long limit) {
      return delegate.count(plugin, marker, filter, limit);
    }

    @Override
    public OptionalLong markIfActive(
        PluginId plugin, Marker marker, PluginOperatorFilter filter, boolean marked) {
      beforeSet.run();
      return delegate.markIfActive(plugin, marker, filter, marked);
    }

    /** The stored value, read without counting. */
    Optional<String> stored(OperatorId operator) {
      return delegate.operatorValue(PROMPT, operator, PluginMethods.ENABLED_KEY);
    }
  }

  private final Operator root = administrator("root");
  private final Actor admin = actingAs(root);
  private final InMemoryOperatorRepository operators = new InMemoryOperatorRepository();
  private final CountingPluginRepository plugins = new CountingPluginRepository(operators);
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();
  private final RecordingMailer mailer = new RecordingMailer();
  private final FakePromptPlugin prompt = new FakePromptPlugin();
  private final InMemoryPluginCatalog catalog = new InMemoryPluginCatalog(List.of(prompt));
  private final PluginOperatorsService service =
      new PluginOperatorsService(catalog, plugins, operators, audit, mailer, clock);

  private final Operator ada = operator("ada");
  private final Operator grace = operator("grace");

  @BeforeEach
  void setUp() {
    operators.add(root, HASH);
    operators.add(ada, HASH);
    operators.add(grace, HASH);
  }

  private void given(PluginState state) {
    if (state.isInstalled()) {
      plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    }
    if (state == PluginState.ACTIVE) {
      plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
      plugins.saveSettingsIfActive(PROMPT, FakePromptPlugin.saved(new FakeSecretCipher()));
    }
  }

  private PluginOperatorResult set(Operator operator, boolean enabled) {
    return set(operator.id(), enabled);
  }

  private PluginOperatorResult set(OperatorId operator, boolean enabled) {
    return service.set(new PluginOperatorCommand(admin, PROMPT, operator, enabled));
  }

  private KeysetPage<OperatorChoice> list(String search, int size) {
    return service.list(PROMPT, search, KeysetRequest.first(size)).orElseThrow();
  }

  /** The page after this one, as its Next link asks for it. */
  private KeysetPage<OperatorChoice> next(String search, KeysetPage<OperatorChoice> page) {
    Cursor after = page.items().getLast().operator().position(Cursor.Direction.AFTER);
    return service
        .list(PROMPT, search, KeysetRequest.at(after, page.request().size()))
        .orElseThrow();
  }

  private long count(String search, long limit) {
    return service
        .count(PROMPT, filter(search, PluginOperatorFilter.Status.ALL, Optional.empty()), limit)
        .orElseThrow()
        .value();
  }

  private static Map<String, Boolean> statuses(KeysetPage<OperatorChoice> page) {
    Map<String, Boolean> statuses = new LinkedHashMap<>();
    page.items().forEach(c -> statuses.put(c.operator().username().value(), c.enabled()));
    return statuses;
  }

  private List<Operator> addOperators(int count) {
    List<Operator> added =
        IntStream.rangeClosed(1, count).mapToObj(i -> operator("agent%03d".formatted(i))).toList();
    added.forEach(o -> operators.add(o, HASH));
    return added;
  }

  // --- many at once

  private PluginOperatorsResult setAll(PluginOperatorFilter filter, boolean enabled) {
    return service.setAll(new PluginOperatorsCommand(admin, PROMPT, filter, enabled));
  }

  private static PluginOperatorFilter filter(
      String text, PluginOperatorFilter.Status status, Optional<Role> role) {
    return new PluginOperatorFilter(text, status, role, Optional.empty(), Optional.empty());
  }

  @Test
  void list_filtersByStatusAndRole_andCountsAllThatMatch() {
    given(PluginState.ACTIVE);
    addOperators(30);
    set(ada, true);

    var enabled = filter("", PluginOperatorFilter.Status.ENABLED, Optional.empty());
    var notEnabledOperators =
        filter("", PluginOperatorFilter.Status.NOT_ENABLED, Optional.of(Role.OPERATOR));
    KeysetPage<OperatorChoice> page =
        service.listMatching(PROMPT, notEnabledOperators, KeysetRequest.first(10)).orElseThrow();

    assertThat(
            statuses(service.listMatching(PROMPT, enabled, KeysetRequest.first(10)).orElseThrow()))
        .containsExactly(Map.entry("ada", true));
    assertThat(service.count(PROMPT, notEnabledOperators, 1_000)).contains(Count.exactly(31));
    assertThat(service.count(PROMPT, notEnabledOperators, 30)).contains(new Count(30, true));
    assertThat(service.count(PROMPT, notEnabledOperators, 31)).contains(Count.exactly(31));
    assertThat(page.items()).hasSize(10).noneMatch(OperatorChoice::enabled);
    assertThat(page.items()).noneMatch(c -> c.operator().username().value().equals("root"));
  }

  @Test
  void setAll_enablesEveryMatchingOperator_withOneAuditEntryOfTheCountAndFilter() {
    given(PluginState.ACTIVE);
    List<Operator> agents = addOperators(40);
    set(agents.getFirst(), true);
    int events = audit.all().size();

    var result = setAll(filter("agent", PluginOperatorFilter.Status.ALL, Optional.empty()), true);

    assertThat(result).isEqualTo(new PluginOperatorsResult.Changed(39));
    assertThat(plugins.stored(agents.getLast().id())).contains("true");
    assertThat(plugins.stored(ada.id())).isEmpty();
    assertThat(audit.all()).hasSize(events + 1);
    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.PLUGIN_ENABLED_FOR_OPERATORS);
    assertThat(event.subject()).isEqualTo(PROMPT.value());
    assertThat(event.details())
        .containsEntry("count", "39")
        .containsEntry("search", "agent")
        .containsEntry("status", "all");
  }

  @Test
  void setAll_disablesOnlyTheSelectedOperators() {
    given(PluginState.ACTIVE);
    set(ada, true);
    set(grace, true);

    var result = setAll(PluginOperatorFilter.EVERYONE.among(Set.of(ada.id(), root.id())), false);

    assertThat(result).isEqualTo(new PluginOperatorsResult.Changed(1));
    assertThat(plugins.stored(ada.id())).isEmpty();
    assertThat(plugins.stored(grace.id())).contains("true");
    assertThat(audit.all().getLast().type())
        .isEqualTo(AuditEventType.PLUGIN_DISABLED_FOR_OPERATORS);
    assertThat(audit.all().getLast().details()).containsEntry("selected", "2");
  }

  @Test
  void setAll_refusesToEnableWhileNotConfigured_butStillDisables() {
    given(PluginState.ACTIVE);
    set(ada, true);
    plugins.saveSettingsIfActive(PROMPT, PluginSettings.EMPTY);
    int events = audit.all().size();

    assertThat(setAll(PluginOperatorFilter.EVERYONE, true))
        .isInstanceOf(PluginOperatorsResult.NotConfigured.class);
    assertThat(plugins.stored(grace.id())).isEmpty();
    assertThat(audit.all()).hasSize(events);
    assertThat(setAll(PluginOperatorFilter.EVERYONE, false))
        .isEqualTo(new PluginOperatorsResult.Changed(1));
  }

  @Test
  void setAll_changesNothingWhileThePluginIsNotActive() {
    given(PluginState.INACTIVE);

    assertThat(setAll(PluginOperatorFilter.EVERYONE, false))
        .isInstanceOf(PluginOperatorsResult.NotActive.class);
    assertThat(service.listMatching(PROMPT, PluginOperatorFilter.EVERYONE, KeysetRequest.first(10)))
        .isEmpty();
  }

  @Test
  void setAllRacingADeactivation_enablesEveryOperatorOrNone() throws Exception {
    List<Operator> agents = addOperators(50);
    for (int round = 0; round < 20; round++) {
      given(PluginState.ACTIVE);
      List<Object> outcomes =
          AtOnce.run(
              List.<Callable<Object>>of(
                  () -> setAll(PluginOperatorFilter.EVERYONE, true),
                  () -> plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.INACTIVE)));

      long enabled = agents.stream().filter(a -> plugins.stored(a.id()).isPresent()).count();
      if (outcomes.getFirst() instanceof PluginOperatorsResult.Changed changed) {
        assertThat(changed.count()).isEqualTo(53);
        assertThat(enabled).isEqualTo(50);
      } else {
        assertThat(outcomes.getFirst()).isInstanceOf(PluginOperatorsResult.NotActive.class);
        assertThat(enabled).isZero();
      }
      plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.AVAILABLE);
    }
  }

  // --- not configured

  @Test
  void set_refusesToEnableAnActivePluginWithoutSettings_andChangesNothing() {
    given(PluginState.ACTIVE);
    plugins.saveSettingsIfActive(PROMPT, PluginSettings.EMPTY);
    int events = audit.all().size();

    assertThat(service.configured(PROMPT)).isFalse();
    assertThat(set(ada, true)).isInstanceOf(PluginOperatorResult.NotConfigured.class);
    assertThat(plugins.stored(ada.id())).isEmpty();
    assertThat(audit.all()).hasSize(events);
  }

  @Test
  void set_refusesToEnableWhenTheSavedHostIsNoLongerAllowed() {
    given(PluginState.ACTIVE);
    assertThat(service.configured(PROMPT)).isTrue();

    prompt.allowOnly(Set.of("elsewhere.example.test"));

    assertThat(service.configured(PROMPT)).isFalse();
    assertThat(set(ada, true)).isInstanceOf(PluginOperatorResult.NotConfigured.class);
    assertThat(plugins.stored(ada.id())).isEmpty();
  }

  @Test
  void set_stillDisablesWhileThePluginIsNotConfigured() {
    given(PluginState.ACTIVE);
    set(ada, true);
    plugins.saveSettingsIfActive(PROMPT, PluginSettings.EMPTY);

    assertThat(set(ada, false)).isInstanceOf(Changed.class);
    assertThat(plugins.stored(ada.id())).isEmpty();
  }

  @Test
  void anEnableThatRacesAReinstallWithoutSettings_locksNobodyOut() throws Exception {
    given(PluginState.ACTIVE);
    var checked = new CyclicBarrier(2);
    var reinstalled = new CyclicBarrier(2);
    plugins.beforeSet =
        () -> {
          try {
            checked.await(5, TimeUnit.SECONDS);
            reinstalled.await(5, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    var enabling = CompletableFuture.supplyAsync(() -> set(ada, true));
    // Another administrator, between the check and the write: uninstall, install, activate.
    checked.await(5, TimeUnit.SECONDS);
    plugins.beforeSet = () -> {};
    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.INACTIVE);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.AVAILABLE);
    plugins.transition(PROMPT, PluginState.AVAILABLE, PluginState.INACTIVE);
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);
    reinstalled.await(5, TimeUnit.SECONDS);
    enabling.get(5, TimeUnit.SECONDS);

    // Whether the late write landed or not, an unconfigured plugin is never required at sign-in.
    var requirement =
        new SecondFactorRequirement(
            catalog, plugins, new InMemoryTotpCredentials(), new InMemoryPanelSettings());
    assertThat(service.configured(PROMPT)).isFalse();
    assertThat(requirement.of(ada.id())).isEqualTo(SecondFactor.NONE);
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void configured_isFalseWhileThePluginIsNotActive(PluginState state) {
    given(state);

    assertThat(service.configured(PROMPT)).isFalse();
  }

  @Test
  void aPluginThatOffersNoSecondFactor_isEnabledForNobody() {
    PluginId notes = new PluginId("notes");
    var descriptor =
        new PluginDescriptor(notes, "Notes", "Keeps notes.", "1.0", "Example", List.of());
    var withNotes =
        new PluginOperatorsService(
            new InMemoryPluginCatalog(List.of(() -> descriptor)),
            plugins,
            operators,
            audit,
            mailer,
            clock);
    plugins.transition(notes, PluginState.AVAILABLE, PluginState.ACTIVE);

    assertThat(withNotes.list(notes, "", KeysetRequest.first(20))).isEmpty();
    assertThat(withNotes.configured(notes)).isFalse();
    assertThat(withNotes.set(new PluginOperatorCommand(admin, notes, ada.id(), true)))
        .isEqualTo(new NotActive());
    assertThat(plugins.operatorValue(notes, ada.id(), PluginMethods.ENABLED_KEY)).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void aPluginWithACodeMethod_isEnabledPerOperatorOnceConfigured() {
    var codes =
        new PluginOperatorsService(
            new InMemoryPluginCatalog(List.of(new FakeCodePlugin())),
            plugins,
            operators,
            audit,
            mailer,
            clock);
    plugins.transition(FakeCodePlugin.ID, PluginState.AVAILABLE, PluginState.ACTIVE);
    assertThat(codes.set(new PluginOperatorCommand(admin, FakeCodePlugin.ID, ada.id(), true)))
        .isInstanceOf(PluginOperatorResult.NotConfigured.class);
    plugins.saveSettingsIfActive(FakeCodePlugin.ID, FakeCodePlugin.saved(new FakeSecretCipher()));

    assertThat(codes.set(new PluginOperatorCommand(admin, FakeCodePlugin.ID, ada.id(), true)))
        .isEqualTo(new Changed(new OperatorChoice(ada, true), NoticeEmail.SENT));
    assertThat(plugins.operatorValue(FakeCodePlugin.ID, ada.id(), PluginMethods.ENABLED_KEY))
        .contains(PluginMethods.ENABLED);
  }

  // --- list

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void list_isEmptyWhileThePluginIsNotActive(PluginState state) {
    given(state);

    assertThat(service.list(PROMPT, "", KeysetRequest.first(20))).isEmpty();
    assertThat(plugins.batchReads).isEmpty();
  }

  @Test
  void list_isEmptyForAPluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    plugins.transition(retired, PluginState.AVAILABLE, PluginState.ACTIVE);

    assertThat(service.list(retired, "", KeysetRequest.first(20))).isEmpty();
  }

  @Test
  void list_showsEveryOperatorWithoutThePluginByDefault() {
    given(PluginState.ACTIVE);

    KeysetPage<OperatorChoice> page = list("", 20);

    assertThat(statuses(page))
        .containsExactly(
            Map.entry("ada", false), Map.entry("grace", false), Map.entry("root", false));
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void list_showsWhoThePluginIsEnabledFor() {
    given(PluginState.ACTIVE);
    set(grace, true);

    assertThat(statuses(list("", 20)))
        .containsExactly(
            Map.entry("ada", false), Map.entry("grace", true), Map.entry("root", false));
  }

  @Test
  void list_readsTheStatusesOfAPageInOneQuery() {
    given(PluginState.ACTIVE);
    List<Operator> agents = addOperators(45);
    set(agents.get(0), true);
    set(agents.get(21), true);
    set(agents.get(44), true);

    KeysetPage<OperatorChoice> first = list("agent", 20);
    KeysetPage<OperatorChoice> second = next("agent", first);
    KeysetPage<OperatorChoice> third = next("agent", second);

    assertThat(plugins.batchReads).hasSize(3);
    assertThat(plugins.singleReads).isZero();
    assertThat(plugins.batchReads.get(1))
        .containsExactlyInAnyOrderElementsOf(
            second.items().stream().map(c -> c.operator().id()).toList());
    assertThat(first.items()).hasSize(20);
    assertThat(third.items()).hasSize(5);
    assertThat(third.hasNext()).isFalse();
    assertThat(statuses(first)).containsEntry("agent001", true).containsEntry("agent002", false);
    assertThat(statuses(second)).containsEntry("agent022", true).containsEntry("agent021", false);
    assertThat(statuses(third)).containsEntry("agent045", true);
    assertThat(statuses(first).values().stream().filter(e -> e)).hasSize(1);
    assertThat(statuses(second).values().stream().filter(e -> e)).hasSize(1);
  }

  @Test
  void list_readsNoMoreStatusesThanThePageShows() {
    given(PluginState.ACTIVE);
    addOperators(30);

    next("", list("", 10));

    assertThat(plugins.batchReads).hasSize(2).last().satisfies(ids -> assertThat(ids).hasSize(10));
  }

  @Test
  void list_findsOperatorsBySearchText() {
    given(PluginState.ACTIVE);
    set(ada, true);

    assertThat(statuses(list("ad", 20))).containsExactly(Map.entry("ada", true));
    assertThat(statuses(list("  GRACE ", 20))).containsExactly(Map.entry("grace", false));
    assertThat(list("nobody", 20).items()).isEmpty();
    assertThat(count("nobody", 1_000)).isZero();
  }

  @Test
  void list_treatsNoSearchTextAsEveryone() {
    given(PluginState.ACTIVE);

    assertThat(service.list(PROMPT, null, KeysetRequest.first(20)).orElseThrow().items())
        .hasSize(3);
  }

  @Test
  void list_afterTheLastRowIsEmptyAndLeadsBack() {
    given(PluginState.ACTIVE);
    Cursor afterRoot = root.position(Cursor.Direction.AFTER);

    KeysetPage<OperatorChoice> page =
        service.list(PROMPT, "", KeysetRequest.at(afterRoot, 20)).orElseThrow();

    assertThat(page.items()).isEmpty();
    assertThat(page.hasPrevious()).isTrue();
    assertThat(page.hasNext()).isFalse();
  }

  @Test
  void count_isEmptyWhenThePluginIsNotActive() {
    given(PluginState.INACTIVE);

    assertThat(service.count(PROMPT, PluginOperatorFilter.EVERYONE, 10)).isEmpty();
  }

  // --- set

  @Test
  void set_enablesThePluginForTheOperator() {
    given(PluginState.ACTIVE);

    PluginOperatorResult result = set(ada, true);

    assertThat(result).isEqualTo(new Changed(new OperatorChoice(ada, true), NoticeEmail.SENT));
    assertThat(plugins.stored(ada.id())).contains("true");
    assertThat(plugins.stored(grace.id())).isEmpty();
  }

  @Test
  void set_disablesThePluginForTheOperator() {
    given(PluginState.ACTIVE);
    set(ada, true);

    PluginOperatorResult result = set(ada, false);

    assertThat(result).isEqualTo(new Changed(new OperatorChoice(ada, false), NoticeEmail.SENT));
    assertThat(plugins.stored(ada.id())).isEmpty();
    assertThat(statuses(list("ada", 20))).containsExactly(Map.entry("ada", false));
  }

  @Test
  void set_auditsEnablingWithTheOperatorsUsername() {
    given(PluginState.ACTIVE);
    clock.advance(Duration.ofSeconds(42));

    set(ada, true);

    AuditEvent event = audit.all().getLast();
    assertThat(audit.all()).hasSize(1);
    assertThat(event.type()).isEqualTo(AuditEventType.PLUGIN_ENABLED_FOR_OPERATOR);
    assertThat(event.actor()).isEqualTo(admin);
    assertThat(event.at()).isEqualTo(clock.now());
    assertThat(event.subject()).isEqualTo(ada.id().toString());
    assertThat(event.details())
        .containsEntry("username", "ada")
        .containsEntry("plugin", PROMPT.value());
  }

  @Test
  void set_auditsDisablingWithTheOperatorsUsername() {
    given(PluginState.ACTIVE);
    set(grace, true);

    set(grace, false);

    AuditEvent event = audit.all().getLast();
    assertThat(event.type()).isEqualTo(AuditEventType.PLUGIN_DISABLED_FOR_OPERATOR);
    assertThat(event.subject()).isEqualTo(grace.id().toString());
    assertThat(event.details()).containsEntry("username", "grace");
  }

  @Test
  void set_answersUnknownOperatorAndChangesNothing() {
    given(PluginState.ACTIVE);
    OperatorId stranger = OperatorId.random();

    assertThat(set(stranger, true)).isEqualTo(new UnknownOperator());
    assertThat(plugins.stored(stranger)).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void set_answersNotActiveAndChangesNothingWhileThePluginIsNotActive(PluginState state) {
    given(state);

    assertThat(set(ada, true)).isEqualTo(new NotActive());
    assertThat(plugins.stored(ada.id())).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void set_answersNotActiveForAPluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    plugins.transition(retired, PluginState.AVAILABLE, PluginState.ACTIVE);

    assertThat(service.set(new PluginOperatorCommand(admin, retired, ada.id(), true)))
        .isEqualTo(new NotActive());
    assertThat(plugins.operatorValue(retired, ada.id(), PluginMethods.ENABLED_KEY)).isEmpty();
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void set_canNotDisableForAnOperatorWhileThePluginIsDeactivated() {
    given(PluginState.ACTIVE);
    set(ada, true);
    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.INACTIVE);

    assertThat(set(ada, false)).isEqualTo(new NotActive());
    assertThat(plugins.stored(ada.id())).contains("true");
    assertThat(audit.all()).hasSize(1);
  }

  @Test
  void set_usesTheOperatorAsTheyAreNow() {
    given(PluginState.ACTIVE);
    Operator renamed =
        new Operator(
            ada.id(),
            new Username("ada"),
            new EmailAddress("ada.lovelace@example.com"),
            new DisplayName("Ada Lovelace"),
            Role.OPERATOR,
            true);
    operators.update(ada.id(), OperatorChanges.between(ada, renamed));

    assertThat(set(ada, true))
        .isEqualTo(new Changed(new OperatorChoice(renamed, true), NoticeEmail.SENT));
  }

  // --- deactivation and uninstall

  @Test
  void deactivate_keepsTheChoicesAndReactivationShowsThemAgain() {
    given(PluginState.ACTIVE);
    set(ada, true);
    set(root, true);

    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.INACTIVE);
    assertThat(service.list(PROMPT, "", KeysetRequest.first(20))).isEmpty();
    plugins.transition(PROMPT, PluginState.INACTIVE, PluginState.ACTIVE);

    assertThat(statuses(list("", 20)))
        .containsExactly(
            Map.entry("ada", true), Map.entry("grace", false), Map.entry("root", true));
  }

  @Test
  void uninstall_forgetsTheChoicesSoAFreshInstallStartsWithNobody() {
    given(PluginState.ACTIVE);
    set(ada, true);

    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.AVAILABLE);
    given(PluginState.ACTIVE);

    assertThat(statuses(list("", 20)))
        .containsOnlyKeys("ada", "grace", "root")
        .doesNotContainValue(true);
  }

  // --- notices by e-mail ---------------------------------------------------------------------

  @Test
  void set_forOneOperator_tellsThemByEmail() {
    given(PluginState.ACTIVE);

    set(ada, true);
    set(ada, false);

    assertThat(mailer.sent()).extracting(OutgoingMail::to).containsOnly(ada.email());
    assertThat(mailer.sent().get(0).body())
        .contains("as the second factor was turned on for your SupportPro account \"ada\"");
    assertThat(mailer.sent().get(1).body()).contains("as the second factor was turned off for");
  }

  @Test
  void set_whenTheNoticeFails_isStoredAndSaysSo() {
    given(PluginState.ACTIVE);
    mailer.answer(MailDelivery.FAILED);

    assertThat(set(ada, true))
        .isEqualTo(new Changed(new OperatorChoice(ada, true), NoticeEmail.FAILED));
    assertThat(plugins.stored(ada.id())).contains("true");
  }

  @Test
  void setAll_sendsNoMail() {
    given(PluginState.ACTIVE);

    setAll(filter("", PluginOperatorFilter.Status.ALL, Optional.empty()), true);
    setAll(filter("", PluginOperatorFilter.Status.ALL, Optional.empty()), false);

    assertThat(mailer.sent()).isEmpty();
  }
}
