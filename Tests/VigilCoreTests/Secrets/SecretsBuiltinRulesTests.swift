import Testing
import VigilGit

@testable import VigilCore

/// Vigil's built-in rules: they load, each finds a realistic planted secret, placeholders stay
/// quiet, and severities follow the documented policy.
@Suite("Secrets: built-in rules")
struct SecretsBuiltinRulesTests {
    @Test func loadsAndEveryRuleIsUsable() throws {
        let rules = try GitleaksRuleFile.builtin()
        #expect(rules.rules.count >= 30)
        #expect(rules.source == "builtin")
        for rule in rules.rules {
            #expect(!rule.description.isEmpty, "\(rule.id) has no description")
            if rule.regex != nil { #expect(!rule.keywords.isEmpty, "\(rule.id) has no keywords for the prefilter") }
            let spans = rule.regex.map { RE2Pattern.spansLines($0.pattern) } ?? false
            #expect(spans == (rule.id == "private-key"), "\(rule.id) line-spanning is \(spans)")
        }
    }

    @Test func everyContentRuleHasAPlantedCase() throws {
        let rules = try GitleaksRuleFile.builtin()
        let planted = Set(Self.planted.map(\.rule))
        let content = rules.rules.filter { $0.regex != nil && $0.id != "private-key" }.map(\.id)
        #expect(content.filter { !planted.contains($0) } == [])
    }

    @Test(arguments: SecretsBuiltinRulesTests.planted)
    func findsPlantedSecret(_ planted: PlantedSecret) throws {
        let check = try SecretsFixture.builtinCheck.get()
        planted.verify(try SecretsFixture.scan(check, path: planted.path, [planted.line]))
    }

    /// A vendored crate's `.cargo-checksum.json` maps file names such as `src/secret.rs` to
    /// hashes: the generic rule read 64 hex digits under a "secret" name as a secret.
    @Test func checksumManifestsAndLockfilesHoldHashesNotSecrets() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let line = #"{"files":{"src/secret_service.rs":"6cce3f0a9d2b7e41c58a0f3b9e6d2c7a1b4e8f0d3c6a9b2e5f8a1d4c7b0e3f69"}}"#
        for path in ["vendor/keyring/.cargo-checksum.json", "Cargo.lock", "web/package-lock.json", "go.sum"] {
            #expect(try SecretsFixture.scan(check, path: path, [line]).isEmpty, "\(path)")
        }
        // Near misses: the same line in an ordinary JSON file, and a real credential format in a
        // checksum manifest, still alert.
        #expect(try SecretsFixture.scan(check, path: "config/secrets.json", [line]).map(\.check) == ["secrets.generic-secret"])
        let aws = #"{"files":{"a":"AKIAQYLPMN5HHHFPZAM2"}}"#
        #expect(try !SecretsFixture.scan(check, path: "vendor/x/.cargo-checksum.json", [aws]).isEmpty)
    }

    @Test func findsPrivateKeyOnLinesAndEscapedInJSON() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let lines = try SecretsFixture.scan(check, path: "deploy/key.pem", PrivateKeyFixture.lines)
        #expect(lines.map(\.check) == ["secrets.private-key"])
        #expect(lines.first?.severity == .critical)
        #expect(lines.first?.line == 1)
        let json = #"  "private_key": ""# + PrivateKeyFixture.escaped + #"","#
        let escaped = try SecretsFixture.scan(check, path: "deploy/sa.json", ["{", json, "}"])
        #expect(escaped.map(\.check) == ["secrets.private-key"])
        #expect(escaped.first?.line == 2)
    }

    @Test func keyBlockSplitAcrossHunksIsNotJoined() throws {
        // Lines 1-3 and 10-… are different hunks: a block only counts when added whole.
        let check = try SecretsFixture.builtinCheck.get()
        let head = SecretsFixture.file("key.pem", Array(PrivateKeyFixture.lines.prefix(3)))
        var tail = SecretsFixture.file("key.pem", Array(PrivateKeyFixture.lines.dropFirst(3)), firstLine: 10)
        tail.addedLines = head.addedLines + tail.addedLines
        #expect(check.run(try SecretsFixture.context([tail])).isEmpty)
    }

    @Test func flagsKeystoreFile() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let findings = check.run(try SecretsFixture.context([SecretsFixture.file("ios/Dist.pfx", [], binary: true)]))
        #expect(findings.map(\.check) == ["secrets.pkcs12-file"])
        #expect(findings.first?.severity == .critical)
    }

    @Test func severitiesFollowThePolicy() throws {
        let check = try SecretsFixture.builtinCheck.get()
        let aws = #"  access_key = "AKIAZ4QXW7NP3KDT6Y2M""#
        #expect(try SecretsFixture.scan(check, [aws]).map(\.severity) == [.critical])
        let github = "export GITHUB_TOKEN=ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK"
        #expect(try SecretsFixture.scan(check, [github]).map(\.severity) == [.high])
        let override = SecretsCheck(rules: try GitleaksRuleFile.builtin(), severity: .low)
        #expect(try SecretsFixture.scan(override, [aws, github]).map(\.severity) == [.low, .low])
    }

    /// A token with more characters than GitHub issues today is still a token: the rule that
    /// missed it also left it unredacted in every other check's evidence and in commit subjects.
    @Test(arguments: [
        ("ghp_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5A", "secrets.github-pat"),
        ("gho_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5AbC", "secrets.github-oauth-token"),
        ("ghs_Zq8Lm2Rt5Vx9Kp3Wn7Hy4Bc6Df1Gj0Ts2Xe5Aq", "secrets.github-app-token"),
    ])
    func githubTokensLongerThanTodaysFormatAreFound(token: String, check: String) throws {
        let findings = try SecretsFixture.scan(try SecretsFixture.builtinCheck.get(), ["TOKEN=\(token)"])
        #expect(findings.map(\.check) == [check])
    }

    @Test(arguments: [
        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        #"password = "${DB_PASSWORD}""#,
        #"api_key: "your-api-key-here""#,
        #"token = "xxxxxxxxxxxxxxxxxxxxxxxx""#,
        #"SECRET_KEY = "{{SECRET_KEY}}""#,
        #"client_secret = "<client-secret>""#,
        "GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "DATABASE_URL=postgres://postgres:postgres@localhost:5432/dev",
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db:5432/app",
        #"stripe.api_key = "sk_live_EXAMPLEKEY9q8w7e6r5t4y3u2i1""#,
        #"password_field = "passwordInput2""#,
        "DB_PASSWORD=changeme",
        "export API_TOKEN=$API_TOKEN_FROM_VAULT",
        #"SLACK_WEBHOOK = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX""#,
    ])
    func ignoresPlaceholder(_ line: String) throws {
        let check = try SecretsFixture.builtinCheck.get()
        let findings = try SecretsFixture.scan(check, [line])
        #expect(findings.isEmpty, "\(line) gave \(findings.map(\.check))")
    }
}

extension SecretsBuiltinRulesTests {
    /// A realistic fake secret for every built-in content rule except private-key (tested above).
    static let planted: [PlantedSecret] = [
        PlantedSecret("age-secret-key", "keys/age.txt", "{}",
            "AGE-SECRET-KEY-1WUUH34ZUCJ88Y4XQ4J3XDNG6ZKFY3LXU2QUSDC9CT7YE5NVXT8ZQ7S3Q28"
        ),
        PlantedSecret("aws-access-key-id", "terraform/provider.tf", #"  access_key = "{}""#, "AKIA7YH7Z3Z4VWDDXS3J"),
        PlantedSecret("aws-secret-access-key", ".aws/credentials", "aws_secret_access_key = {}",
            "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"
        ),
        PlantedSecret("google-api-key", "app/src/main/res/values/keys.xml", #"<string name="maps_key">{}</string>"#,
            "AIzaUIh18GiQhJdqilw_NyK-hPA6FXBeIWG8XL2"
        ),
        PlantedSecret("gcp-service-account-key", "deploy/sa.json", #"  "private_key_id": "{}","#,
            "640075fcc2efb086dfede1589caba552abb45deb"
        ),
        PlantedSecret("gcp-oauth-client-secret", "auth/google.py", #"GOOGLE_CLIENT_SECRET = "{}""#,
            "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"
        ),
        PlantedSecret(
            "azure-storage-account-key", "appsettings.Production.json",
            #"conn = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey={};EndpointSuffix=core.windows.net""#,
            "lWac6511eN8woxM+WwMeZ4swstab2/lxwX6mRcVIpwQl2qjqDTMBlphf1VZrcriyIc4LFgTDNWRs5VJ2FV6atu=="
        ),
        PlantedSecret(
            "azure-shared-access-key", "functions/local.settings.json",
            #""Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={}""#,
            "cF0U5nbSbyUF2OzrjVdLc7BCtQpy8IWGx+jjSKEuyts="
        ),
        PlantedSecret("azure-ad-client-secret", "infra/entra.bicep", "param clientSecret string = '{}'",
            "yNt7Q~cQKvWDLbdeVew2x1~dXK07hR1jpYCTk_vT"
        ),
        PlantedSecret("digitalocean-token", ".github/workflows/deploy.yml", "          DIGITALOCEAN_ACCESS_TOKEN: {}",
            "dop_v1_ddb2ec21487ceb527d236fec6beaf7367ae2779b93f7d8490cabecdcf9314f36"
        ),
        PlantedSecret("heroku-api-key", "bin/deploy", "HEROKU_API_KEY={} heroku container:release web",
            "HRKU-AAZoqZSJ0iHD9msRYZwAGPPBiURfi5v1P44OMlfpYoG8lsDZrvxCA4Hw0yGj"
        ),
        PlantedSecret("databricks-token", "notebooks/etl.py", #"headers = {"Authorization": "Bearer {}"}"#,
            "dapi72726b12d922e42b6c2cf1ec189a3ac3"
        ),
        PlantedSecret("vault-token", "ops/vault.env", "VAULT_TOKEN={}",
            [
                "hvs.W5WjqFFn3SFEZxH7JtwREk3xldBrwRNYcAWs3T83ybHEpyOGl-m0Q3cg3fMr7A8npNh-OMjdPx1UtkmYltULTFZb9Zzs",
                "ja0",
            ].joined()
        ),
        PlantedSecret("terraform-cloud-token", ".terraformrc", #"  token = "{}""#,
            "4N9jS7wjLCMuMN.atlasv1.z_zzxHlrzRV1BAqvCjIIzGI472imdRslBRIGe3EIjLAM1uyugq94lxmxjc2p6aBg0H"
        ),
        PlantedSecret("github-pat", "scripts/publish.sh", "git push https://x-access-token:{}@github.com/acme/app.git",
            "ghp_Xo4jOi23GTN2xswCM5zsTsplFemWvAlYIJg4"
        ),
        PlantedSecret(
            "github-fine-grained-pat", ".github/scripts/sync.js",
            #"const octokit = new Octokit({ auth: "{}" });"#,
            "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"
        ),
        PlantedSecret("github-oauth-token", "cli/session.json", #"{"oauth_token": "{}"}"#,
            "gho_kqS6Ye1zpcwKNuzx10bRyQP3M0BdHUPBAuxk"
        ),
        PlantedSecret(
            "github-app-token", "ci/clone.sh",
            "git clone https://x-access-token:{}@github.com/acme/infra.git",
            "ghs_4Dh0GbGgQBwjB5iEpcfNovW3RxScLOxCWi5J"
        ),
        PlantedSecret("github-refresh-token", "auth/tokens.py", #"REFRESH = "{}""#,
            "ghr_mNPbAZ3Yp9rImDUg6jEEKIM54EuPQTrVzZ1lGg61xgze2XDSbV5KCSZRibY57nmaMwfA1B7pcWnm"
        ),
        PlantedSecret(
            "gitlab-pat", "scripts/mirror.sh",
            "git remote add mirror https://oauth2:{}@gitlab.com/acme/app.git",
            "glpat-JFsqaYVyzm6UNIuW-LOC"
        ),
        PlantedSecret(
            "gitlab-ci-token", "runner/register.sh",
            "gitlab-runner register --token {} --url https://gitlab.com",
            "glrt-kVqQt9Sxq4REOne4OqwFugCh"
        ),
        PlantedSecret("npm-access-token", ".github/workflows/publish.yml", "          NODE_AUTH_TOKEN: {}",
            "npm_5t2vS2bnc7z8kvBfhCT4skBdVOkk9CAniaaB"
        ),
        PlantedSecret("npmrc-auth", ".npmrc", "//npm.pkg.github.com/:_authToken={}",
            "PU3tYlvQEAA9f1pMUxnrfACsIx5SQwYFyXDuQftG"
        ),
        PlantedSecret("pypi-upload-token", ".pypirc", "password = {}",
            [
                "pypi-AgEIcHlwaS5vcmcC7OyncNVnX9nEom1_xbweJNZ9BaFEWN4tpbBD4SPi0BQFhPetZGlEwXcY_gfiOrGbYbbSd5AMxPN",
                "D9To",
            ].joined()
        ),
        PlantedSecret("docker-config-auth", ".docker/config.json", #"      "auth": "{}""#,
            "ZGVwbG95LWJvdDpoVUg0ZzFYQXdwYWEyNVA5M2d0ag=="
        ),
        PlantedSecret("slack-bot-token", "bot/config.js", "  token: '{}',",
            "xoxb-52814525769-094532127700-mVzPqb1ohqi9jk22yHZlHw8p"
        ),
        PlantedSecret("slack-user-token", "scripts/archive.py", #"SLACK_TOKEN = "{}""#,
            "xoxp-85198283381-98189766192-220797820477-51329d2cdc1d90782a1e23f83144ba40"
        ),
        PlantedSecret("slack-app-token", "bot/socket_mode.py", #"SocketModeHandler(app, "{}").start()"#,
            [
                "xapp-1-ABMXNPMHIIC-1561828828891-f47ff40ae645f597eea9dc1a352875a30ad2d2702b0f40ed1d69ba5d3bff653",
                "6",
            ].joined()
        ),
        PlantedSecret("slack-webhook", "alerting/rules.yml", #"    slack_api_url: "{}""#,
            "https://hooks.slack.com/services/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"
        ),
        PlantedSecret("discord-webhook", "notify/discord.ts", #"await fetch("{}", { method: "POST" });"#,
            [
                "https://discord.com/api/webhooks/223493732753377803/yK-gj3DjktpeMFaidD7oTN3E26ojSsCecIuWzVivMNtm",
                "jSQB4TkYuJcchZOfLLQFS4Cp",
            ].joined()
        ),
        PlantedSecret("telegram-bot-token", "bot/main.py", #"bot = telebot.TeleBot("{}")"#,
            "2334751542:AAsw0GsERcnTPAFPJOZjWuLoPpwAE1cu9sh"
        ),
        PlantedSecret("twilio-api-key", "sms/send.js", "const client = twilio('{}', process.env.TWILIO_SECRET);",
            "SKd0144a0e16c8beb695793c52856f0ef8"
        ),
        PlantedSecret("sendgrid-api-key", "mailer/config.rb", "config.sendgrid_key = '{}'",
            "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"
        ),
        PlantedSecret("mailgun-api-key", "mailer/mailgun.go", #"    mg := mailgun.NewMailgun("mg.acme.io", "{}")"#,
            "key-093467e1c2e26c2deb2b6b8a65b8915a"
        ),
        PlantedSecret("stripe-live-key", "checkout/server.js", "const stripe = Stripe('{}');",
            "sk_live_jeqO2oFiHHiQDXQoV1AqpzrFw4jvyrh2"
        ),
        PlantedSecret("shopify-token", "shopify.app.toml", #"client_secret = "{}""#,
            "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"
        ),
        PlantedSecret("openai-api-key", ".env.local", "OPENAI_API_KEY={}",
            [
                "sk-proj-63k5lovoAYLd7dKCQugLQBBo3AvFpZZctgawRMh2SoTrKSQ4fYDwa6eHIFtK8Q7lPfF5WWUz0mT3BlbkFJcrkWbi",
                "21gG9sq1TxA71ZMbpEBpSoYQkcCjEkiMKdzDcRo3u04eNEq82weV4srVUX1ieKirbrpY",
            ].joined()
        ),
        PlantedSecret("anthropic-api-key", "agent/settings.py", #"ANTHROPIC_API_KEY = "{}""#,
            [
                "sk-ant-api03-pVgC9hev0qK4fSiSZl68LJ88LGsrgFG-fn2HysFhCkSj9gwqutDUtAaRepAcMFu9sWBhepXpzh8GsHFdoAo",
                "oi091lPlM6AA",
            ].joined()
        ),
        PlantedSecret("huggingface-token", "train.sh", "huggingface-cli login --token {}",
            "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"
        ),
        PlantedSecret("sentry-auth-token", ".sentryclirc", "token={}",
            [
                "sntrys_eyJgZWo7dHKpoTUKOY5f0Y3q0jYde2uH0gnQ666KdwoWEElFuUS33UDTlU8qznHuuAuqPegICYxOwEXHzrQiIqstf",
                "wcu+",
            ].joined()
        ),
        PlantedSecret("new-relic-user-api-key", "newrelic/terraform.tfvars", #"newrelic_api_key = "{}""#,
            "NRAK-ZRT91J20EMS96TUNB3DT1PM2YPI"
        ),
        PlantedSecret("grafana-service-account-token", "dashboards/sync.py", #"GRAFANA_TOKEN = "{}""#,
            "glsa_5GyxQjjwv7i3S4Rw9nBcds3gfYehVuIp_fba9398a"
        ),
        PlantedSecret("postman-api-key", "postman/run.sh", "newman run collection.json --postman-api-key {}",
            "PMAK-6003f3d5d32a6c9df8c2eb74-b0ae19a01f6a6b445d0e41a59edfe04f31"
        ),
        PlantedSecret("linear-api-key", "tools/triage.ts", #"const client = new LinearClient({ apiKey: "{}" });"#,
            "lin_api_vMPe1bukBf1Lyml3C2mElvyg029yMcpvfYDTp0DV"
        ),
        PlantedSecret("jwt", "tests/fixtures/session.http", "Authorization: Bearer {}",
            [
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJzdmMtYmlsbGluZyIsImlhdCI6MTc2NzIyNTYwMCwicm9sZSI",
                "6ImFkbWluIiwibiI6Im54VlFLOGNCVU1zaiJ9.v9mV_rXKbZ0cU4YZAKKeWyVFBxXyuSp-1f4R_rF17zm",
            ].joined()
        ),
        PlantedSecret(
            "database-url-password", "docker-compose.yml",
            "      DATABASE_URL: postgres://orders:{}@db.internal.acme.io:5432/orders",
            "knmhuFC5ltgFim"
        ),
        PlantedSecret("generic-secret", "config/settings.py", #"SMTP_PASSWORD = "{}""#, "5r3bGpFLOw!IA7J2B"),
        PlantedSecret("generic-env-secret", ".env", "SESSION_SECRET={}", "QE87bvOiBSe18EJH0m9OT3Bf"),
    ]
}
