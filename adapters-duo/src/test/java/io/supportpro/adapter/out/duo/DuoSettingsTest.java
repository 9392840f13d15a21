package io.supportpro.adapter.out.duo;

import static io.supportpro.adapter.out.duo.DuoSettings.API_HOSTNAME;
import static io.supportpro.adapter.out.duo.DuoSettings.CERTIFICATE_PINS;
import static io.supportpro.adapter.out.duo.DuoSettings.CLIENT_ID;
import static io.supportpro.adapter.out.duo.DuoSettings.CLIENT_SECRET;
import static io.supportpro.adapter.out.duo.DuoSettings.FAIL_MODE;
import static io.supportpro.adapter.out.duo.DuoSettings.PROXY_HOST;
import static io.supportpro.adapter.out.duo.DuoSettings.PROXY_PORT;
import static io.supportpro.adapter.out.duo.DuoSettings.USERNAME_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.out.duo.DuoSettings.UsernameSource;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DuoSettingsTest {
  // The plugin's messages are keys of its bundle; these are their English words.
  private static final PluginWords ENGLISH = new DuoSecurityPlugin().words(Locale.ENGLISH);

  private static final String ID = "DI1234567890ABCDEFGH";
  private static final String SECRET = "abcdefghij0123456789ABCDEFGHIJ0123456789";
  private static final String HOST = "api-1a2b3c4d.duosecurity.com";
  private static final String PIN = "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=";
  private static final String OTHER_PIN = "sha256/x0drdr9SuSC+3fLfRpX7F8A/VerRpWKWAIaIE0WtJpE=";

  /** Complete, valid settings as an administrator types them, with one value replaced. */
  private static Map<String, String> typed(String key, String value) {
    Map<String, String> typed = typed();
    typed.put(key, value);
    return typed;
  }

  private static Map<String, String> typed() {
    Map<String, String> typed = new HashMap<>();
    typed.put(CLIENT_ID, ID);
    typed.put(CLIENT_SECRET, SECRET);
    typed.put(API_HOSTNAME, HOST);
    typed.put(FAIL_MODE, "closed");
    typed.put(USERNAME_SOURCE, "username");
    typed.put(PROXY_HOST, "");
    typed.put(PROXY_PORT, "");
    typed.put(CERTIFICATE_PINS, "");
    return typed;
  }

  private static SettingsCheck check(Map<String, String> typed) {
    return DuoSettings.check(typed, false);
  }

  // --- check: the whole form

  @Test
  void check_acceptsCompleteSettingsWithoutProblemsOrWarnings() {
    SettingsCheck check = check(typed());

    assertThat(check.acceptable()).isTrue();
    assertThat(check.problems()).isEmpty();
    assertThat(check.warnings()).isEmpty();
  }

  @Test
  void check_namesEachWrongSettingByItsKey() {
    SettingsCheck check = DuoSettings.check(Map.of(), false);

    assertThat(check.acceptable()).isFalse();
    assertThat(check.problems()).containsOnlyKeys(CLIENT_ID, CLIENT_SECRET, API_HOSTNAME);
    assertThat(check.problems().values()).allSatisfy(message -> assertThat(message).isNotBlank());
  }

  // --- check: client ID

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "DI123456789ABCDEFGH", // 19
        "DI1234567890ABCDEFGHI", // 21
        "DI1234567890ABCD-FGH",
        "DI1234567890ABCD FGH",
        "DI1234567890ABCD_FGH",
        "<script>alert(1)</sc",
        "DI12345678' OR '1'=1",
        "DI12345678;--ABCDEFG",
        "DI1234567890ABCDÉFGH", // a letter, but not one Duo issues
        "DI1234567890ABCD\uFF11FGH", // a full-width digit
        "DI1234567890ABCD\u0000FGH",
        "AB1234567890ABCDEFGH", // twenty letters and digits, but not as Duo issues them
        "di1234567890ABCDEFGH"
      })
  void check_refusesAClientIdThatIsNotTwentyLettersAndDigitsStartingWithDi(String clientId) {
    SettingsCheck check = check(typed(CLIENT_ID, clientId));

    assertThat(check.problems()).containsOnlyKeys(CLIENT_ID);
  }

  @Test
  void check_acceptsAClientIdWithSpacesAroundIt() {
    assertThat(check(typed(CLIENT_ID, "  " + ID + " ")).acceptable()).isTrue();
  }

  // --- check: client secret

  @ParameterizedTest
  @ValueSource(
      strings = {
        "abcdefghij0123456789ABCDEFGHIJ012345678", // 39
        "abcdefghij0123456789ABCDEFGHIJ01234567890", // 41
        "abcdefghij0123456789ABCDEFGHIJ012345678+",
        "abcdefghij0123456789ABCDEFGHIJ01234567 9",
        " abcdefghij0123456789ABCDEFGHIJ012345678",
        "<b>abcdefghij0123456789ABCDEFGHIJ0123</b",
        "abcdefghij0123456789ABCDEFGHIJ' OR 1=1--",
        "abcdefghij0123456789ABCDEFGHIJ012345678\u00e9",
        "abcdefghij0123456789ABCDEFGHIJ012345678\u00df",
        "                                        "
      })
  void check_refusesASecretThatIsNotExactlyFortyLettersAndDigits(String secret) {
    assertThat(DuoSettings.check(typed(CLIENT_SECRET, secret), false).problems())
        .containsOnlyKeys(CLIENT_SECRET);
    assertThat(DuoSettings.check(typed(CLIENT_SECRET, secret), true).problems())
        .as("a saved secret does not make a wrong new one acceptable")
        .containsOnlyKeys(CLIENT_SECRET);
  }

  @Test
  void check_refusesAnEmptySecretWhenNoneIsSaved() {
    assertThat(DuoSettings.check(typed(CLIENT_SECRET, ""), false).problems())
        .containsOnlyKeys(CLIENT_SECRET);
  }

  @Test
  void check_refusesAMissingSecretWhenNoneIsSaved() {
    Map<String, String> typed = typed();
    typed.remove(CLIENT_SECRET);

    assertThat(DuoSettings.check(typed, false).problems()).containsOnlyKeys(CLIENT_SECRET);
  }

  @Test
  void check_acceptsAnEmptySecretWhenOneIsSaved() {
    assertThat(DuoSettings.check(typed(CLIENT_SECRET, ""), true).acceptable()).isTrue();
  }

  // --- check: API hostname

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "https://api-1a2b3c4d.duosecurity.com",
        "api-1a2b3c4d.duosecurity.com:443",
        "api-1a2b3c4d.duosecurity.com/oauth/v1",
        "api-1a2b3c4d.duosecurity.com?x=1",
        "user@api-1a2b3c4d.duosecurity.com",
        "api 1a2b3c4d.duosecurity.com",
        "api-1a2b3c4d.duosecurity.com.",
        "api-1a2b3c4d..duosecurity.com",
        ".duosecurity.com",
        "-api.duosecurity.com",
        "api-.duosecurity.com",
        "api_1a2b3c4d.duosecurity.com",
        "api-1a2b3c4d.duosecurity.com\u0000",
        "api-1a2b\u001b3c4d.duosecurity.com",
        "api-1a2b3c4d.duosecurity.com\nX-Injected: 1",
        "<script>.duosecurity.com",
        "api-1a2b3c4d.duosecurity.com\"><img src=x>",
        "api-1a2b3c4d.duosecurity.com'; DROP TABLE plugin_settings; --",
        "\u0430pi-1a2b3c4d.duosecurity.com", // a Cyrillic a
        "api-1a2b3c4d.du\u00f6security.com",
        "api-\u212a1a2b3c4d.duosecurity.com", // the Kelvin sign, which lower-cases to k
        "api-1a2b3c4d.duo\u017fecurity.com", // the long s
        "api-1a2b3c4d.duosecurity.com\u200b" // a zero-width space
      })
  void check_refusesAnApiHostnameThatIsNotAPlainHostName(String host) {
    SettingsCheck check = check(typed(API_HOSTNAME, host));

    assertThat(check.problems()).containsOnlyKeys(API_HOSTNAME);
    assertThat(check.warnings()).as("a refused host needs no warning too").isEmpty();
  }

  @Test
  void check_refusesAHostLabelLongerThanSixtyThreeCharacters() {
    String label = "a".repeat(64);

    assertThat(check(typed(API_HOSTNAME, label + ".duosecurity.com")).problems())
        .containsOnlyKeys(API_HOSTNAME);
    assertThat(check(typed(API_HOSTNAME, label.substring(1) + ".duosecurity.com")).acceptable())
        .isTrue();
  }

  @Test
  void check_refusesAHostNameLongerThan253Characters() {
    String longHost = ("a".repeat(60) + ".").repeat(4) + "duosecurity.com"; // 259

    assertThat(check(typed(API_HOSTNAME, longHost)).problems()).containsOnlyKeys(API_HOSTNAME);
  }

  @Test
  void check_acceptsAnApiHostnameInAnyCaseAndWithSpacesAround() {
    SettingsCheck check = check(typed(API_HOSTNAME, "  API-1A2B3C4D.DuoSecurity.COM "));

    assertThat(check.acceptable()).isTrue();
    assertThat(check.warnings()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api-1a2b3c4d.duosecurity.com",
        "api-1a2b3c4d.duofederal.com",
        "api-1a2b3c4d.duosecurity.eu",
        "API-1A2B3C4D.DuoSecurity.COM"
      })
  void checkWithHosts_acceptsDuosOwnApiHostsWithNothingListed(String host) {
    assertThat(DuoSettings.check(typed(API_HOSTNAME, host), false, DuoHosts.DUO_ONLY).acceptable())
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api-fake.duo.test",
        "localhost",
        "10.0.0.8",
        "127.0.0.1",
        "api-1a2b3c4d.notduosecurity.com",
        "api-1a2b3c4d.duosecurity.com.attacker.example",
        "x.api-1a2b3c4d.duosecurity.com",
        "duosecurity.com",
        "admin-1a2b3c4d.duosecurity.com"
      })
  void checkWithHosts_refusesAnyOtherApiHostUnlessItIsListed(String host) {
    SettingsCheck refused = DuoSettings.check(typed(API_HOSTNAME, host), false, DuoHosts.DUO_ONLY);
    SettingsCheck listed =
        DuoSettings.check(typed(API_HOSTNAME, host), false, DuoHosts.parse("other.test, " + host));

    assertThat(refused.problems()).containsOnlyKeys(API_HOSTNAME);
    assertThat(ENGLISH.text(refused.problems().get(API_HOSTNAME)))
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    assertThat(listed.acceptable()).isTrue();
    assertThat(listed.warnings()).isEmpty();
  }

  @Test
  void checkWithHosts_refusesAProxyThatIsNotListed_evenUnderADuoDomain() {
    Map<String, String> typed = typed(PROXY_HOST, "api-1a2b3c4d.duosecurity.com");
    typed.put(PROXY_PORT, "3128");

    SettingsCheck refused =
        DuoSettings.check(typed, false, DuoHosts.parse("proxy.example.internal"));

    assertThat(refused.problems()).containsOnlyKeys(PROXY_HOST);
    assertThat(ENGLISH.text(refused.problems().get(PROXY_HOST)))
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
    typed.put(PROXY_HOST, "Proxy.Example.Internal");
    assertThat(
            DuoSettings.check(typed, false, DuoHosts.parse("proxy.example.internal")).acceptable())
        .isTrue();
  }

  @Test
  void checkWithHosts_reportsAMalformedHostOnceAsMalformed() {
    SettingsCheck check =
        DuoSettings.check(typed(API_HOSTNAME, "https://" + HOST), false, DuoHosts.DUO_ONLY);

    assertThat(ENGLISH.text(check.problems().get(API_HOSTNAME))).contains("host name only");
  }

  @Test
  void whereOtherHostsAreListed_isSaidByTheProxyHintAndByTheErrorForAnUnlistedApiHostOnly() {
    assertThat(DuoSettings.DEFINITIONS)
        .filteredOn(d -> d.key().equals(PROXY_HOST))
        .singleElement()
        .satisfies(
            d -> assertThat(ENGLISH.text(d.help())).contains("SUPPORTPRO_DUO_ALLOWED_HOSTS"));
    // A listed host, such as the demo's emulator, meets no standing remark about other hosts.
    assertThat(DuoSettings.DEFINITIONS)
        .filteredOn(d -> d.key().equals(API_HOSTNAME))
        .singleElement()
        .satisfies(
            d -> assertThat(ENGLISH.text(d.help())).doesNotContain("SUPPORTPRO_DUO_ALLOWED_HOSTS"));
    assertThat(
            ENGLISH.text(
                DuoSettings.check(
                        typed(API_HOSTNAME, "duo.example.internal"), false, DuoHosts.DUO_ONLY)
                    .problems()
                    .get(API_HOSTNAME)))
        .contains("SUPPORTPRO_DUO_ALLOWED_HOSTS");
  }

  // --- check: proxy

  @Test
  void check_acceptsAProxyHostWithAPort() {
    Map<String, String> typed = typed(PROXY_HOST, "Proxy.Example.internal");
    typed.put(PROXY_PORT, "3128");

    assertThat(check(typed).acceptable()).isTrue();
  }

  @Test
  void check_acceptsAProxyGivenByItsIpv4Address() {
    Map<String, String> typed = typed(PROXY_HOST, "10.20.30.40");
    typed.put(PROXY_PORT, "8080");

    assertThat(check(typed).acceptable()).isTrue();
  }

  @Test
  void check_refusesAProxyHostWithoutAPort() {
    assertThat(check(typed(PROXY_HOST, "proxy.example.internal")).problems())
        .containsOnlyKeys(PROXY_PORT);
  }

  @Test
  void check_refusesAProxyPortWithoutAHost() {
    assertThat(check(typed(PROXY_PORT, "3128")).problems()).containsOnlyKeys(PROXY_PORT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"0", "65536", "99999", "123456", "-1", "+80", "80a", "8 0", "\uFF18\uFF10"})
  void check_refusesAProxyPortOutsideOneTo65535(String port) {
    Map<String, String> typed = typed(PROXY_HOST, "proxy.example.internal");
    typed.put(PROXY_PORT, port);

    assertThat(check(typed).problems()).containsOnlyKeys(PROXY_PORT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "65535", " 3128 "})
  void check_acceptsAProxyPortFromOneTo65535(String port) {
    Map<String, String> typed = typed(PROXY_HOST, "proxy.example.internal");
    typed.put(PROXY_PORT, port);

    assertThat(check(typed).acceptable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "proxy.example.internal:3128",
        "http://proxy.example.internal",
        "proxy example",
        "proxy.example.internal/",
        "<proxy>",
        "proxy';--",
        "pr\u00f6xy.example.internal",
        "\u212aproxy.example.internal"
      })
  void check_refusesAProxyHostThatIsNotAPlainHostName(String proxyHost) {
    Map<String, String> typed = typed(PROXY_HOST, proxyHost);
    typed.put(PROXY_PORT, "3128");

    assertThat(check(typed).problems()).containsOnlyKeys(PROXY_HOST);
  }

  // --- check: certificate pins

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        PIN,
        PIN + " " + OTHER_PIN,
        PIN + "," + OTHER_PIN,
        PIN + ", " + OTHER_PIN + "\n",
        PIN + "\r\n" + OTHER_PIN
      })
  void check_acceptsNoPinsOrPinsSeparatedBySpacesCommasOrLines(String pins) {
    assertThat(check(typed(CERTIFICATE_PINS, pins)).acceptable()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=",
        "sha1/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=",
        "SHA256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=",
        "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68",
        "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv6=",
        "sha256/JjPbPK-4yBpgOzSUdcSflWMPDux_wivAkuysYSOmv68=",
        "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv68=;" + OTHER_PIN,
        PIN + " <script>",
        "-----BEGIN CERTIFICATE-----",
        "sha256/JjPbPK+4yBpgOzSUdcSflWMPDux+wivAkuysYSOmv6\u00e9="
      })
  void check_refusesAnythingButSha256Pins(String pins) {
    assertThat(check(typed(CERTIFICATE_PINS, pins)).problems()).containsOnlyKeys(CERTIFICATE_PINS);
  }

  // --- check: the choices parse() depends on

  @ParameterizedTest
  @ValueSource(strings = {"", "sometimes", "OPEN ", "cloſed", "open; DROP TABLE x"})
  void check_refusesAFailModeThatIsNeitherClosedNorOpen(String failMode) {
    assertThat(check(typed(FAIL_MODE, failMode)).problems()).containsOnlyKeys(FAIL_MODE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "login", "EMAIL", "emaıl", "username\u0000"})
  void check_refusesAUsernameSourceThatIsNeitherUsernameNorEmail(String source) {
    assertThat(check(typed(USERNAME_SOURCE, source)).problems()).containsOnlyKeys(USERNAME_SOURCE);
  }

  // --- parse

  @Test
  void parse_readsCompleteSettings() {
    Map<String, String> values = typed(FAIL_MODE, "open");
    values.put(USERNAME_SOURCE, "email");
    values.put(PROXY_HOST, "proxy.example.internal");
    values.put(PROXY_PORT, "3128");
    values.put(CERTIFICATE_PINS, PIN + ", " + OTHER_PIN);

    Optional<DuoSettings> settings = DuoSettings.parse(values, SECRET);

    assertThat(settings)
        .contains(
            new DuoSettings(
                ID,
                SECRET,
                HOST,
                FailMode.OPEN,
                UsernameSource.EMAIL,
                Optional.of("proxy.example.internal"),
                OptionalInt.of(3128),
                List.of(PIN, OTHER_PIN)));
  }

  @Test
  void parse_trimsAndLowerCasesWhatItCanNormalise() {
    Map<String, String> values = typed(CLIENT_ID, " " + ID + "\t");
    values.put(API_HOSTNAME, "  API-1A2B3C4D.DuoSecurity.COM ");
    values.put(PROXY_HOST, " PROXY.Example.Internal ");
    values.put(PROXY_PORT, " 3128 ");

    DuoSettings settings = DuoSettings.parse(values, SECRET).orElseThrow();

    assertThat(settings.clientId()).isEqualTo(ID);
    assertThat(settings.apiHostname()).isEqualTo(HOST);
    assertThat(settings.proxyHost()).contains("proxy.example.internal");
    assertThat(settings.proxyPort()).hasValue(3128);
  }

  @Test
  void parse_defaultsToFailClosedAndTheUsername() {
    Map<String, String> values = typed();
    values.remove(FAIL_MODE);
    values.remove(USERNAME_SOURCE);

    DuoSettings settings = DuoSettings.parse(values, SECRET).orElseThrow();

    assertThat(settings.failMode()).isEqualTo(FailMode.CLOSED);
    assertThat(settings.usernameSource()).isEqualTo(UsernameSource.USERNAME);
  }

  @Test
  void parse_hasNoProxyAndNoPinsWhenNoneAreGiven() {
    Map<String, String> values = typed();
    values.remove(PROXY_HOST);
    values.remove(PROXY_PORT);
    values.remove(CERTIFICATE_PINS);

    DuoSettings settings = DuoSettings.parse(values, SECRET).orElseThrow();

    assertThat(settings.proxyHost()).isEmpty();
    assertThat(settings.proxyPort()).isEmpty();
    assertThat(settings.certificatePins()).isEmpty();
  }

  @Test
  void parse_usesTheSecretGivenNotOneAmongTheValues() {
    Map<String, String> values = typed(CLIENT_SECRET, "zzzzzzzzzz0123456789ABCDEFGHIJ0123456789");

    assertThat(DuoSettings.parse(values, SECRET).orElseThrow().clientSecret()).isEqualTo(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {CLIENT_ID, API_HOSTNAME})
  void parse_isEmptyWhileARequiredValueIsMissing(String key) {
    Map<String, String> values = typed();
    values.remove(key);

    assertThat(DuoSettings.parse(values, SECRET)).isEmpty();
  }

  @Test
  void parse_isEmptyWithoutASecret() {
    assertThat(DuoSettings.parse(typed(), "")).isEmpty();
  }

  @Test
  void parse_isEmptyForSettingsThatDoNotPassTheCheck() {
    assertThat(DuoSettings.parse(typed(API_HOSTNAME, "https://" + HOST), SECRET)).isEmpty();
    assertThat(DuoSettings.parse(typed(PROXY_HOST, "proxy.example.internal"), SECRET)).isEmpty();
    assertThat(DuoSettings.parse(typed(CERTIFICATE_PINS, "not-a-pin"), SECRET)).isEmpty();
    assertThat(DuoSettings.parse(typed(), SECRET.substring(1))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "sometimes", "cloſed"})
  void parse_isEmptyForAnUnknownFailMode(String failMode) {
    assertThat(DuoSettings.parse(typed(FAIL_MODE, failMode), SECRET)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "login", "emaıl"})
  void parse_isEmptyForAnUnknownUsernameSource(String source) {
    assertThat(DuoSettings.parse(typed(USERNAME_SOURCE, source), SECRET)).isEmpty();
  }

  // --- from

  private static PluginSettings saved(Map<String, String> plain, SettingValue secret) {
    Map<String, SettingValue> values = new HashMap<>();
    plain.forEach((key, value) -> values.put(key, new SettingValue(value, false)));
    if (secret != null) {
      values.put(CLIENT_SECRET, secret);
    }
    return new PluginSettings(values);
  }

  private static Map<String, String> plain() {
    Map<String, String> plain = typed();
    plain.remove(CLIENT_SECRET);
    return plain;
  }

  @Test
  void from_readsSavedSettingsWithTheSecretAsTheCoreDecryptedIt() {
    Optional<DuoSettings> settings =
        DuoSettings.from(saved(plain(), new SettingValue(SECRET, true)));

    assertThat(settings.orElseThrow().clientSecret()).isEqualTo(SECRET);
    assertThat(settings.orElseThrow().clientId()).isEqualTo(ID);
    assertThat(settings.orElseThrow().apiHostname()).isEqualTo(HOST);
  }

  @Test
  void from_normalisesWhatWasSaved() {
    Map<String, String> plain = plain();
    plain.put(API_HOSTNAME, "API-1A2B3C4D.DUOSECURITY.COM");
    plain.remove(FAIL_MODE);
    plain.remove(USERNAME_SOURCE);

    DuoSettings settings =
        DuoSettings.from(saved(plain, new SettingValue(SECRET, true))).orElseThrow();

    assertThat(settings.apiHostname()).isEqualTo(HOST);
    assertThat(settings.failMode()).isEqualTo(FailMode.CLOSED);
    assertThat(settings.usernameSource()).isEqualTo(UsernameSource.USERNAME);
  }

  @Test
  void from_isEmptyWhenNoSecretIsSaved() {
    assertThat(DuoSettings.from(saved(plain(), null))).isEmpty();
    assertThat(DuoSettings.from(PluginSettings.EMPTY)).isEmpty();
  }

  @Test
  void from_doesNotTakeAPlainClientSecretValueForTheSecret() {
    assertThat(DuoSettings.from(saved(plain(), new SettingValue(SECRET, false)))).isEmpty();
  }

  @Test
  void from_isEmptyWhileARequiredPlainValueIsMissing() {
    Map<String, String> plain = plain();
    plain.remove(API_HOSTNAME);

    assertThat(DuoSettings.from(saved(plain, new SettingValue(SECRET, true)))).isEmpty();
  }

  @Test
  void from_isEmptyWhenTheSecretIsUnusable() {
    assertThat(DuoSettings.from(saved(plain(), new SettingValue("short", true)))).isEmpty();
  }

  @Test
  void from_isEmptyForASavedValueThatIsNoLongerValid() {
    Map<String, String> plain = plain();
    plain.put(FAIL_MODE, "sometimes");

    assertThat(DuoSettings.from(saved(plain, new SettingValue(SECRET, true)))).isEmpty();
  }

  // --- toString

  @Test
  void toString_neverShowsTheSecret() {
    DuoSettings settings = DuoSettings.parse(typed(), SECRET).orElseThrow();

    assertThat(settings.toString()).doesNotContain(SECRET).contains(ID).contains(HOST);
    assertThat(Optional.of(settings).toString()).doesNotContain(SECRET);
    assertThat(List.of(settings).toString()).doesNotContain(SECRET);
  }

  // --- definitions

  @Test
  void definitions_markOnlyTheClientSecretSecretAndDefaultToFailClosedAndTheUsername() {
    assertThat(DuoSettings.DEFINITIONS)
        .filteredOn(d -> d.secret())
        .extracting(d -> d.key())
        .containsExactly(CLIENT_SECRET);
    assertThat(DuoSettings.DEFINITIONS)
        .filteredOn(d -> d.key().equals(FAIL_MODE))
        .singleElement()
        .satisfies(d -> assertThat(d.defaultValue()).isEqualTo("closed"));
    assertThat(DuoSettings.DEFINITIONS)
        .filteredOn(d -> d.key().equals(USERNAME_SOURCE))
        .singleElement()
        .satisfies(d -> assertThat(d.defaultValue()).isEqualTo("username"));
  }
}
