extension BuiltinSecretRules {
    /// Messaging, email, payments, AI and developer platforms, connection strings, generic rules.
    static let servicesAndGeneric = #"""
        # ---------------------------------------------------------------------------------------------
        # Messaging, email and payments

        # A Slack bot token.
        [[rules]]
        id = "slack-bot-token"
        description = "Slack bot token"
        regex = '''\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b'''
        keywords = ["xoxb-"]

        # A Slack user or configuration token.
        [[rules]]
        id = "slack-user-token"
        description = "Slack user token"
        regex = '''\b(xox[pe](?:-[0-9]{10,13}){3}-[A-Za-z0-9]{28,34})\b'''
        keywords = ["xoxp-", "xoxe-"]

        # A Slack app-level token.
        [[rules]]
        id = "slack-app-token"
        description = "Slack app-level token"
        regex = '''(?i)\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})\b'''
        keywords = ["xapp-"]

        # A Slack incoming webhook, workflow or trigger URL.
        [[rules]]
        id = "slack-webhook"
        description = "Slack webhook URL"
        regex = '''(https://hooks\.slack\.com/(?:services|workflows|\#
        triggers)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{20,})'''
        keywords = ["hooks.slack.com"]

        # A Discord webhook URL.
        [[rules]]
        id = "discord-webhook"
        description = "Discord webhook URL"
        regex = '''(https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68})'''
        keywords = ["discord"]

        # A Telegram bot token (bot id, colon, 35 characters starting AA).
        [[rules]]
        id = "telegram-bot-token"
        description = "Telegram bot token"
        regex = '''\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?:[^A-Za-z0-9_-]|$)'''
        entropy = 3.0
        keywords = [":aa"]

        # A Twilio API key secret id (SK followed by 32 hex digits).
        [[rules]]
        id = "twilio-api-key"
        description = "Twilio API key"
        regex = '''\b(SK[0-9a-fA-F]{32})\b'''
        entropy = 3.0
        keywords = ["sk"]

        # A SendGrid API key.
        [[rules]]
        id = "sendgrid-api-key"
        description = "SendGrid API key"
        regex = '''\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9_-]|$)'''
        entropy = 3.0
        keywords = ["sg."]

        # A Mailgun private API key (key- followed by 32 hex digits).
        [[rules]]
        id = "mailgun-api-key"
        description = "Mailgun API key"
        regex = '''\b(key-[0-9a-f]{32})\b'''
        entropy = 3.2
        keywords = ["key-"]

        # A Stripe live secret or restricted key (test-mode keys are left alone).
        [[rules]]
        id = "stripe-live-key"
        description = "Stripe live secret key"
        regex = '''\b((?:sk|rk)_live_[A-Za-z0-9]{24,247})\b'''
        entropy = 3.0
        keywords = ["sk_live_", "rk_live_"]
        severity = "critical"

        # A Shopify access token, custom app, private app or shared secret.
        [[rules]]
        id = "shopify-token"
        description = "Shopify access token"
        regex = '''\b(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b'''
        keywords = ["shpat_", "shpca_", "shppa_", "shpss_"]

        # ---------------------------------------------------------------------------------------------
        # AI and developer platforms

        # An OpenAI API key (user, project, service account and admin keys carry "T3BlbkFJ").
        [[rules]]
        id = "openai-api-key"
        description = "OpenAI API key"
        regex = '''\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,})(?:[^A-Za-z0-9_-]|\#
        $)'''
        entropy = 3.0
        keywords = ["t3blbkfj"]

        # An Anthropic API or admin key.
        [[rules]]
        id = "anthropic-api-key"
        description = "Anthropic API key"
        regex = '''\b(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,120})(?:[^A-Za-z0-9_-]|$)'''
        entropy = 3.0
        keywords = ["sk-ant-"]

        # A Hugging Face access token.
        [[rules]]
        id = "huggingface-token"
        description = "Hugging Face access token"
        regex = '''\b(hf_[A-Za-z]{34})\b'''
        entropy = 3.0
        keywords = ["hf_"]

        # A Sentry organisation auth token.
        [[rules]]
        id = "sentry-auth-token"
        description = "Sentry auth token"
        regex = '''\b(sntrys_eyJ[A-Za-z0-9+/=_-]{60,})'''
        entropy = 3.5
        keywords = ["sntrys_"]

        # A New Relic user API key.
        [[rules]]
        id = "new-relic-user-api-key"
        description = "New Relic user API key"
        regex = '''\b(NRAK-[A-Z0-9]{27})\b'''
        entropy = 3.0
        keywords = ["nrak-"]

        # A Grafana service account token.
        [[rules]]
        id = "grafana-service-account-token"
        description = "Grafana service account token"
        regex = '''\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b'''
        entropy = 3.0
        keywords = ["glsa_"]

        # A Postman API key.
        [[rules]]
        id = "postman-api-key"
        description = "Postman API key"
        regex = '''\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b'''
        entropy = 3.0
        keywords = ["pmak-"]

        # A Linear API key.
        [[rules]]
        id = "linear-api-key"
        description = "Linear API key"
        regex = '''\b(lin_api_[A-Za-z0-9]{40})\b'''
        entropy = 3.0
        keywords = ["lin_api_"]

        # A JSON Web Token with a signature (header and payload are base64url JSON, so start "eyJ").
        # Often a session or service token; sometimes only a sample, hence medium.
        [[rules]]
        id = "jwt"
        description = "JSON Web Token"
        regex = '''\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})'''
        entropy = 3.0
        keywords = ["eyj"]
        severity = "medium"

        # ---------------------------------------------------------------------------------------------
        # Connection strings and generic assignments

        # A database or broker URL with a password in it: postgres://user:password@host/db.
        [[rules]]
        id = "database-url-password"
        description = "Database URL with an embedded password"
        regex = '''(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|\#
        oracle)://[^\s:@/'"]+:([^\s:@/'"]{3,})@[A-Za-z0-9._-]+'''
        keywords = ["postgres", "mysql", "mariadb", "mongodb", "redis", "amqp", "mssql", "sqlserver", "oracle"]
        [[rules.allowlists]]
        description = "Well-known local defaults and placeholders"
        regexes = [
            '''(?i)^(?:pass|password|passwd|pwd|secret|changeme|postgres|mysql|root|admin|guest|test|user)$''',
        ]

        # A quoted secret assigned to a name such as password, secret, api_key, access_token or
        # client_secret, in code or config (=, :, =>, :=). Random-looking values only (entropy).
        # The match starts at the keyword: the secret is the quoted value, and trying up to forty
        # name characters before every position of a line cost forty times the work for nothing.
        [[rules]]
        id = "generic-secret"
        description = "Secret assigned in code or configuration"
        regex = '''(?i)(?:password|passwd|pwd|secret|api[_.-]?key|apikey|token|private[_.-]?key|\#
        credential)[\w.-]{0,20}?["']?[ \t]{0,3}(?::=|=>|=|:)[ \t]{0,3}(?:"([^"\s\\]{8,128})"|'([^'\s\\]{8,128})'|\#
        \x60([^\x60\s\\]{8,128})\x60)'''
        entropy = 3.5
        keywords = [
            "password", "passwd", "pwd", "secret", "api_key", "api-key", "api.key", "apikey", "token", "private_key",
            "private-key", "privatekey", "credential",
        ]
        severity = "medium"
        [[rules.allowlists]]
        description = "Words, identifiers and paths rather than secrets"
        regexes = [
            '''^[A-Za-z_.-]+$''',
            '''^[A-Z0-9_]+$''',
            '''^(?:https?://|/|\./|\.\./)''',
        ]
        stopwords = ["example", "sample", "dummy", "placeholder", "changeme", "redacted"]
        [[rules.allowlists]]
        description = "Checksum manifests and lockfiles: a value there is the hash of a file or package"
        paths = ['''(?:^|/)(?:\.cargo-checksum\.json|go\.sum|Cargo\.lock|package-lock\.json|npm-shrinkwrap\.json|\#
        yarn\.lock|pnpm-lock\.yaml|Pipfile\.lock|poetry\.lock|composer\.lock|Gemfile\.lock)$''']
        [[rules.allowlists]]
        description = "Names that describe a secret rather than hold one"
        regexTarget = "match"
        regexes = [
            '''(?i)(?:password|passwd|pwd|secret|token|key)[_.-]?(?:label|field|name|type|hint|prompt|length|policy|\#
        pattern|url|uri|endpoint|path|file|id|header)["']?[ \t]*(?::=|=>|=|:)''',
        ]

        # An unquoted secret in an environment or shell file: DB_PASSWORD=…, export API_TOKEN=….
        # The name is matched once, atomically: which keyword inside it matched cannot change what
        # follows, and retrying each one would rescan a long name once per keyword in it.
        [[rules]]
        id = "generic-env-secret"
        description = "Secret assigned in an environment file"
        regex = '''^[ \t]*(?:export[ \t]+)?(?>[A-Z0-9_]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|\#
        PRIVATE_KEY|ACCESS_KEY|CREDENTIALS?)[A-Z0-9_]*)[ \t]*=[ \t]*([^\s"'\x60#$][^\s"'\x60#]{7,})'''
        entropy = 3.5
        keywords = [
            "password", "passwd", "secret", "token", "api_key", "apikey", "private_key", "access_key", "credential",
        ]
        severity = "medium"
        [[rules.allowlists]]
        regexes = ['''^[A-Za-z_.-]+$''']
        stopwords = ["example", "sample", "dummy", "placeholder", "changeme", "redacted"]

        """#
}
