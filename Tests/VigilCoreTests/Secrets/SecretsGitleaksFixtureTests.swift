import Foundation
import Testing
import VigilGit

@testable import VigilCore

/// gitleaks' default rule file, loaded unchanged: every rule compiles, and realistic planted
/// secrets are found by the rule gitleaks would report, redacted, while its allowlisted
/// placeholders stay quiet.
@Suite("Secrets: gitleaks default rules")
struct SecretsGitleaksFixtureTests {
    @Test func loadsAllRulesUnchanged() throws {
        let rules = try SecretsFixture.gitleaksRules.get()
        #expect(rules.rules.count == 222)
        #expect(Set(rules.rules.map(\.id)).count == 222)
        #expect(rules.rules.filter { $0.regex != nil }.count == 221)
        #expect(rules.rules.first { $0.id == "pkcs12-file" }?.path != nil)
        #expect(rules.allowlists.count == 1)
        let generic = try #require(rules.rules.first { $0.id == "generic-api-key" })
        #expect(generic.entropy == 3.5)
        #expect(generic.allowlists.count == 4)
        #expect(generic.allowlists[1].regexTarget == .match)
        #expect(generic.allowlists[1].stopwords.count > 1000)
        let sonar = try #require(rules.rules.first { $0.id == "sonar-api-token" })
        #expect(sonar.secretGroup == 2)
    }

    @Test func everyPatternCompilesWithoutTranslation() throws {
        let text = try String(contentsOfFile: SecretsFixture.gitleaksDefaultPath, encoding: .utf8)
        let root = try TOMLDocument.parse(text, file: "gitleaks-default.toml")
        let tables = try #require(try root.tables("rules"))
        var patterns = 0
        for table in tables {
            guard let pattern = try table.string("regex") else { continue }
            patterns += 1
            let id = try table.string("id") ?? "?"
            #expect(RE2Pattern.translate(pattern) == pattern, "\(id)")
            #expect(throws: Never.self) { try Regex(pattern) }
        }
        #expect(patterns == 221)
    }

    @Test(arguments: SecretsGitleaksFixtureTests.planted)
    func findsPlantedSecret(_ planted: PlantedSecret) throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        planted.verify(try SecretsFixture.scan(check, path: planted.path, [planted.line]))
    }

    @Test func findsPrivateKeyBlockAcrossLines() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        let block = PrivateKeyFixture.lines
        let findings = try SecretsFixture.scan(check, path: "deploy/id_rsa", ["# deploy key"] + block)
        let finding = try #require(findings.first { $0.check == "secrets.private-key" })
        #expect(finding.line == 2)
        #expect(finding.evidence.hasPrefix("----…(redacted, "))
        #expect(!block.contains { finding.evidence.contains($0) })
    }

    @Test func findsKubernetesSecretInYAML() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        let yaml = [
            "apiVersion: v1", "kind: Secret", "metadata:", "  name: billing-db", "type: Opaque", "data:",
            "  password: cjN0NG1QOXhLcTJMdlo4dw==",
        ]
        let findings = try SecretsFixture.scan(check, path: "k8s/billing-secret.yaml", yaml)
        let finding = try #require(findings.first { $0.check == "secrets.kubernetes-secret-yaml" })
        #expect(finding.line == 7)
        let elsewhere = try SecretsFixture.scan(check, path: "k8s/billing-secret.txt", yaml)
        #expect(!elsewhere.contains { $0.check == "secrets.kubernetes-secret-yaml" })
    }

    @Test func flagsKeystoreByPathAlone() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        let keystore = SecretsFixture.file("certs/client.p12", [], binary: true)
        let findings = check.run(try SecretsFixture.context([keystore]))
        #expect(findings.map(\.check) == ["secrets.pkcs12-file"])
        #expect(findings.first?.line == nil)
    }

    @Test(arguments: [
        PlantedSecret("aws-access-token", "deploy/settings.py", #"AWS_ACCESS_KEY_ID = "{}""#, "AKIAIOSFODNN7EXAMPLE"),
        PlantedSecret("gcp-api-key", "web/maps.js", #"const key = "{}";"#, "AIzaSyabcdefghijklmnopqrstuvwxyz1234567"),
        PlantedSecret("generic-api-key", "src/db.py", #"password = "{}""#, "${DB_PASSWORD}"),
        PlantedSecret("generic-api-key", "src/db.py", #"api_token = "{}""#, "$API_TOKEN"),
        PlantedSecret("generic-api-key", "config/app.yml", "  secret_key: {}", "{{ .Values.secretKey }}"),
        PlantedSecret("generic-api-key", "config/app.yml", #"  client_secret: "{}""#, "Kq8vZ3xR7mabstractN2pL5tW"),
        PlantedSecret("github-pat", "ci.sh", "export GITHUB_TOKEN={}", "ghp_000000000000000000000000000000000000"),
        PlantedSecret("vault-service-token", "ops/vault.env", "VAULT_TOKEN={}", "s.AbcdefghijklmnopqrstuvWx"),
        PlantedSecret("github-pat", "node_modules/@octokit/auth-token/README.md", "token: {}",
            "ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK"),
        PlantedSecret("github-pat", "vendor/modules.txt", "{}", "ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK"),
    ])
    func ignoresAllowlistedPlaceholder(_ placeholder: PlantedSecret) throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        let findings = try SecretsFixture.scan(check, path: placeholder.path, [placeholder.line])
        #expect(findings.isEmpty, "\(placeholder.line) gave \(findings.map(\.check))")
    }

    @Test func stopwordControlIsFound() throws {
        // The same shape as the stopword placeholder above, without the stopword, is reported.
        let check = try SecretsFixture.gitleaksCheck.get()
        let line = #"  client_secret: "Kq8vZ3xR7mQbT9wN2pL5tW""#
        let findings = try SecretsFixture.scan(check, path: "config/app.yml", [line])
        #expect(findings.map(\.check) == ["secrets.generic-api-key"])
    }

    @Test func specificRuleWinsOverGeneric() throws {
        let check = try SecretsFixture.gitleaksCheck.get()
        let findings = try SecretsFixture.scan(check, [#"api_token = "ghp_Zk8QmR2vX7pL4tN9wB3yH6cJ1fD5sA0gE8uK""#])
        #expect(findings.map(\.check) == ["secrets.github-pat"])
    }
}

extension SecretsGitleaksFixtureTests {
    /// A realistic fake secret for each of 45 gitleaks rules, with a line of code around it.
    static let planted: [PlantedSecret] = [
        PlantedSecret("aws-access-token", "deploy/settings.py", #"AWS_ACCESS_KEY_ID = "{}""#, "AKIACATAGDYBLHCQRIQX"),
        PlantedSecret("github-pat", "scripts/release.sh", "export GITHUB_TOKEN={}",
            "ghp_020vorwNIvVaP3RjdmSlPUxYu3JvQvB7KUdD"
        ),
        PlantedSecret("github-fine-grained-pat", ".env", "GH_PAT={}",
            "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"
        ),
        PlantedSecret("github-oauth", "src/auth/github.ts", #"const oauthToken = "{}";"#,
            "gho_6g4t7dmWwKj2v2BSBnmPYyGf1KuTe0EWotnG"
        ),
        PlantedSecret("github-app-token", "ci/install.py", #"installation_token = "{}""#,
            "ghs_3ZoVsbZZXvAAWzEqWBcA6yT1K3Za9sRck4bM"
        ),
        PlantedSecret("github-refresh-token", "src/sync.go", #"    refresh := "{}""#,
            "ghr_twK5yDUKi0dqroZ8bBepIrw0tUVNa19Kme7m"
        ),
        PlantedSecret("gitlab-pat", ".gitlab/ci.env", #"GITLAB_TOKEN="{}""#, "glpat-llfeXfwERRKylm2MA_ap"),
        PlantedSecret(
            "gitlab-ptt", "scripts/trigger.sh",
            "curl -X POST -F token={} -F ref=main https://gitlab.example.com/api/v4/projects/7/trigger/pipeline",
            "glptt-ffb638c3f7ea0d62a2bf0f4b4239e63aee0bb18b"
        ),
        PlantedSecret("gitlab-runner-authentication-token", "runner/config.toml", #"  token = "{}""#,
            "glrt-dH4d9X2ATg-yX_FeanVs"
        ),
        PlantedSecret("slack-bot-token", "bot/app.py", #"client = WebClient(token="{}")"#,
            "xoxb-23467608241-721436052116-uVYMIv7SF7hXs9TP4yUFCcO4"
        ),
        PlantedSecret("slack-user-token", "tools/notify.rb", "SLACK_USER_TOKEN = '{}'",
            "xoxp-92298709555-84673081822-111451581772-8d243dac7046444e2fec3a4a305de06f"
        ),
        PlantedSecret("slack-webhook-url", "alerts/hooks.yaml", "webhook_url: {}",
            "https://hooks.slack.com/services/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"
        ),
        PlantedSecret("stripe-access-token", "billing/stripe.js", "const stripe = require('stripe')('{}');",
            "sk_live_xrZv3bmVhixBNt8D9LqDJGDF"
        ),
        PlantedSecret(
            "gcp-api-key", "web/maps.html",
            #"<script src="https://maps.googleapis.com/maps/api/js?key={}"></script>"#,
            "AIzaSidvrBxauSoPPPAoFa2EmrVt5Y-t_hInB9m"
        ),
        PlantedSecret("npm-access-token", ".npmrc", "//registry.npmjs.org/:_authToken={}",
            "npm_8qip6ocx9p3853obn7y3oq3xd8xatyxb3nq3"
        ),
        PlantedSecret("pypi-upload-token", ".pypirc", "password = {}",
            "pypi-AgEIcHlwaS5vcmc2Fl094dZ5_npBfnsImPa0oVq_2dnXpnfezyHy5eWdkfbpGQSlFjH9GeZECkHKcmK9efQWH"
        ),
        PlantedSecret("sendgrid-api-token", "mail/send.py", #"sg = SendGridAPIClient("{}")"#,
            "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"
        ),
        PlantedSecret("twilio-api-key", "sms/config.php", "$twilioKey = '{}';", "SK7f431feb724bfa060cd53629d56246a6"),
        PlantedSecret("openai-api-key", "agent/llm.py", #"client = OpenAI(api_key="{}")"#,
            [
                "sk-proj-7eAa7QD2fPyKbw5ZofutRo5Yp-NG386XtpOxaz8Sqont4llKl43EvHskwkj4q-cyQSCL_72sbDT3BlbkFJDcE9V-",
                "CQWL2xJOXJkbiqAtVXFRmoxuw8yeATHzXTlk7uYmruarNMw1ROVZX7akNcHP1aNXDwIH",
            ].joined()
        ),
        PlantedSecret("anthropic-api-key", "agent/claude.ts", #"const anthropic = new Anthropic({ apiKey: "{}" });"#,
            [
                "sk-ant-api03-eIQKCsAzHZbHVdwNP_5_z1Ru7k1NGlcKTfecJkXb7IYdD3gMPVK65mp4BpGeIDjsYYPyiEv8MwXKmXDkbzA",
                "clXjh4q1zAAA",
            ].joined()
        ),
        PlantedSecret("huggingface-access-token", "notebooks/train.py", #"login(token="{}")"#,
            "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"
        ),
        PlantedSecret("digitalocean-pat", "infra/do.tf", #"  token = "{}""#,
            "dop_v1_8e669520be8db5d7ae178dda54091e60e01dff7d91d840e4136effa716cb2116"
        ),
        PlantedSecret("shopify-access-token", "shop/client.rb", "ShopifyAPI::Context.setup(access_token: '{}')",
            "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"
        ),
        PlantedSecret("databricks-api-token", "jobs/run.py", #"DATABRICKS_TOKEN = "{}""#,
            "dapi9cdd85c0c7e363728c7bf0c6b890fa09"
        ),
        PlantedSecret("age-secret-key", "secrets/key.txt", "{}",
            "AGE-SECRET-KEY-14XK9VLY6JEZ3SK2NXZGUFG56R7TK2X3D4MQT34NDPKEJXNXPUTVGMFNL2C"
        ),
        PlantedSecret("heroku-api-key-v2", "Procfile.env", "HEROKU_API_KEY={}",
            "HRKU-AA1GFBiBXTVsAsvt2yM1Awk3sFqZ0DBGbalkR7f1369YoA5_2GTN4jECLTUE"
        ),
        PlantedSecret("azure-ad-client-secret", "appsettings.json", #"    "ClientSecret": "{}","#,
            "sms8Q~b~b.Fp2GKzpFTahIvRbWd4RWtnlNZ-1May"
        ),
        PlantedSecret("linear-api-key", "tools/linear.ts", #"const linear = new LinearClient({ apiKey: "{}" });"#,
            "lin_api_OeFEVdyc0wvkY0NA3JieXZVxarxDYus8R3kzpINR"
        ),
        PlantedSecret("postman-api-token", "postman/env.json", #"  "postman_api_key": "{}","#,
            "PMAK-d446994e52dfc6177b96223a-63a5768b01d3ec963a138de9be7f892d34"
        ),
        PlantedSecret("grafana-service-account-token", "grafana/provisioning.yaml", "    token: {}",
            "glsa_psjItgMOoAeIwchsS14KNcTSzZn91XWT_5a1fb786"
        ),
        PlantedSecret("vault-service-token", "deploy/vault.hcl", #"token = "{}""#,
            [
                "hvs.KvKHF7ZLMsyRKmzrBoCutmXl-iz9aVRSQqj17vUA-cOAEoprBcDD9l55jlWlJgebGXjCuKBIvGWTD41fwIgk3GPZZTXp",
                "x14",
            ].joined()
        ),
        PlantedSecret("hashicorp-tf-api-token", ".terraformrc", #"  token = "{}""#,
            "0vRPhUkNWWJtrL.atlasv1.u1l1D0IWd7KduLwg0TDCX2GvrKik_rgXKSmrh4jX5BbG8BO4tEU7Ig1kxrZlUaMlgo"
        ),
        PlantedSecret("sentry-user-token", ".sentryclirc", "token={}",
            "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"
        ),
        PlantedSecret("doppler-api-token", "scripts/secrets.sh", #"export DOPPLER_TOKEN="{}""#,
            "dp.pt.zzDthub2YN4UIe09WF5FOZMguNdGQS5JYIvUPSIUM8r"
        ),
        PlantedSecret("dynatrace-api-token", "monitoring/dt.yaml", "apiToken: {}",
            "dt0c01.R8APAYT5BJFSKMXSQ4AES87Q.WXMZT5JOTSCAC7F7IKIEV9UT1TQLI3FR6VZBOK9S4WBBWST8IN5TSP8RGU5EH9UO"
        ),
        PlantedSecret("rubygems-api-token", ".gem/credentials", ":rubygems_api_key: {}",
            "rubygems_d95e5af4465c1c9faaf75eba5643a5f50f45434c0ad013de"
        ),
        PlantedSecret("pulumi-api-token", ".github/workflows/deploy.yml", "      PULUMI_ACCESS_TOKEN: {}",
            "pul-6fb44ae6fb8d591f5f438d1d0af0b650fb0dd8a3"
        ),
        PlantedSecret("planetscale-password", "db/config.py", #"PLANETSCALE_PASSWORD = "{}""#,
            "pscale_pw_3G37EoDcfP_jC1jPDq9iNbhw4_AIuci6cm9PtDw3JwJ"
        ),
        PlantedSecret("clojars-api-token", "project.clj", #"  :password "{}""#,
            "CLOJARS_meda2g5gn90np60vndmk48lo4h27os72na4gxlhtnxcmc7uiu56a4fucf57s"
        ),
        PlantedSecret("square-access-token", "payments/square.py", #"client = Client(access_token="{}")"#,
            "sq0atp-5SYIHuKM3_SkzXRlR7LCXh"
        ),
        PlantedSecret("mailgun-private-api-token", "mail/mailgun.py", #"MAILGUN_API_KEY = "{}""#,
            "key-15a1ddf8ea4b76dc6cfe289cfba1dfef"
        ),
        PlantedSecret("1password-secret-key", "docs/onboarding.md", "Secret key: {}",
            "A3-GNJ6DE-7363NUEMZZA-QAM93-0UI9K-BTRCR"
        ),
        PlantedSecret("alibaba-access-key-id", "oss/upload.js", "accessKeyId: '{}',", "LTAI8SFSYgkLSHEPomVDvTVL"),
        PlantedSecret("perplexity-api-key", "search/pplx.py", #"PPLX_KEY = "{}""#,
            "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"
        ),
        PlantedSecret("generic-api-key", "config/production.yml", #"  client_secret: "{}""#,
            "ZlgvSIhZ6f35Ylmdlfh0Ow4RZq8"
        ),
    ]
}
