/// Vigil's own built-in secret rules, as gitleaks-format TOML embedded in the binary so that
/// Vigil needs no data files. `GitleaksRuleFile.builtin()` parses them once per process.
///
/// Written for Vigil (not a copy of gitleaks' default file): about fifty rules for the credentials
/// that cost most when leaked, each with a comment saying what it catches, keywords for the
/// prefilter, and allowlists for placeholders (`EXAMPLE`, `xxxx`, `your-key-here`, `${VAR}`).
/// Long lines are continued with a trailing `\#` so the source stays within 120 columns; the text
/// itself has them whole.
enum BuiltinSecretRules {
    /// The whole rule file.
    static var toml: String { keysCloudAndHosting + servicesAndGeneric }

    /// Header, global allowlist, private keys, cloud providers, source hosting and registries.
    static let keysCloudAndHosting = #"""
        # Vigil's built-in secret rules, in gitleaks' rule-file format (v8), written for Vigil.
        #
        # Each rule says what it catches. Rules look for provider-specific token shapes first (prefixes
        # such as ghp_, xoxb-, AKIA), which are precise; the two generic rules at the end catch secrets
        # assigned to names like "password" and use an entropy threshold and allowlists to stay quiet
        # about placeholders. `severity` is Vigil's extension (gitleaks ignores it): private keys and
        # cloud credentials are critical, the rest high unless noted.
        #
        # Extend these from your own file with:  [extend]  useDefault = true

        title = "Vigil built-in secret rules"

        # Placeholders, templates and variable references are never secrets, whichever rule matched.
        [[allowlists]]
        description = "Placeholders and templating"
        regexes = [
            '''(?i)example''',
            '''(?i)your[_.-]?(?:[a-z]+[_.-]?)?(?:key|token|secret|password|pass)[_.-]?here''',
            '''^\$\{[^}]*\}$''',
            '''^\$[A-Za-z_][A-Za-z0-9_]*$''',
            '''^\{\{[^}]*\}\}$''',
            '''^<[^<>]+>$''',
            '''^%\(?[A-Za-z_][A-Za-z0-9_]*\)?[s%]?$''',
            '''^(?:x+|X+|\*+|\.+|-+|0+|#+)$''',
            '''(?i)^(?:changeme|change[_.-]?me|placeholder|redacted|dummy|sample|secret|password|passwd|null|none|\#
        undefined|todo)$''',
        ]
        stopwords = ["xxxxxx", "placeholder", "redacted", "changeme", "your-key-here", "your_key_here"]

        # ---------------------------------------------------------------------------------------------
        # Private keys and key files

        # A PEM or OpenSSH private key block: RSA, DSA, EC, OpenSSH, PKCS#8 (also encrypted) and PGP
        # private key blocks, on separate lines or escaped into one line of JSON or YAML.
        # The body (64 characters or more) runs to the first "-----", which must open the END line:
        # key bodies never hold five dashes, and stopping there keeps the search linear on a file of
        # thousands of BEGIN lines, where looking past them for an END would rescan the rest of the
        # file from every one.
        [[rules]]
        id = "private-key"
        description = "Private key block"
        regex = '''-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?![\s\S]{0,63}-----)(?:[^-]++|\#
        -{1,4}+(?!-))*+-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----'''
        keywords = ["-----begin"]
        severity = "critical"
        [[rules.allowlists]]
        description = "Documentation stubs with an elided body"
        regexTarget = "match"
        regexes = ['''-----(?:\\n|\s)*(?:\.\.\.|…|<[^>]*>|x{8,}|X{8,})(?:\\n|\s)*-----END''']

        # A age encryption secret key (age-keygen output).
        [[rules]]
        id = "age-secret-key"
        description = "age secret key"
        regex = '''\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b'''
        keywords = ["age-secret-key-1"]
        severity = "critical"

        # A PKCS #12 keystore (.p12, .pfx) added to the repository: it bundles private keys.
        [[rules]]
        id = "pkcs12-file"
        description = "PKCS #12 keystore file"
        path = '''(?i)(?:^|/)[^/]+\.(?:p12|pfx)$'''
        severity = "critical"

        # ---------------------------------------------------------------------------------------------
        # Cloud providers

        # An AWS access key id: AKIA (long-term), ASIA (temporary STS), ABIA and ACCA prefixes.
        [[rules]]
        id = "aws-access-key-id"
        description = "AWS access key ID"
        regex = '''\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'''
        entropy = 3.0
        keywords = ["akia", "asia", "abia", "acca"]
        severity = "critical"

        # An AWS secret access key (40 base64 characters) assigned to a name that says so:
        # aws_secret_access_key = …, AWS_SECRET_ACCESS_KEY=…, "secretAccessKey": "…".
        [[rules]]
        id = "aws-secret-access-key"
        description = "AWS secret access key"
        regex = '''(?i)(?:aws[_.-]?)?secret[_.-]?access[_.-]?key\b["']?[ \t]{0,5}(?::=|=>|=|\#
        :)[ \t]{0,5}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)'''
        entropy = 4.0
        keywords = ["access_key", "accesskey", "access-key", "access.key"]
        severity = "critical"

        # A Google API key (Maps, Firebase, Cloud APIs).
        [[rules]]
        id = "google-api-key"
        description = "Google API key"
        regex = '''\b(AIza[0-9A-Za-z_-]{35})(?:[^0-9A-Za-z_-]|$)'''
        entropy = 3.5
        keywords = ["aiza"]
        severity = "critical"

        # A Google Cloud service account key file: its "private_key_id" field (the key itself is also
        # caught by private-key).
        [[rules]]
        id = "gcp-service-account-key"
        description = "Google Cloud service account key"
        regex = '''"private_key_id"\s*:\s*"([a-f0-9]{40})"'''
        entropy = 3.0
        keywords = ["private_key_id"]
        severity = "critical"

        # A Google OAuth client secret.
        [[rules]]
        id = "gcp-oauth-client-secret"
        description = "Google OAuth client secret"
        regex = '''\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|$)'''
        entropy = 3.0
        keywords = ["gocspx-"]
        severity = "critical"

        # An Azure storage account key inside a connection string (AccountKey=…==).
        [[rules]]
        id = "azure-storage-account-key"
        description = "Azure storage account key"
        regex = '''(?i)AccountKey=([A-Za-z0-9+/]{86}==)'''
        entropy = 4.0
        keywords = ["accountkey="]
        severity = "critical"

        # An Azure Service Bus, Event Hubs or IoT Hub shared access key inside a connection string.
        [[rules]]
        id = "azure-shared-access-key"
        description = "Azure shared access key"
        regex = '''(?i)SharedAccessKey=([A-Za-z0-9+/]{42,43}=)'''
        entropy = 4.0
        keywords = ["sharedaccesskey="]
        severity = "critical"

        # An Azure AD (Entra ID) application client secret: three characters, a digit, then "Q~".
        [[rules]]
        id = "azure-ad-client-secret"
        description = "Azure AD client secret"
        regex = '''(?:^|[\s'"=:,(\x60])([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:$|[\s'",;)\x60])'''
        entropy = 3.0
        keywords = ["q~"]
        severity = "critical"

        # A DigitalOcean personal access, OAuth or refresh token.
        [[rules]]
        id = "digitalocean-token"
        description = "DigitalOcean token"
        regex = '''\b(do[opr]_v1_[a-f0-9]{64})\b'''
        entropy = 3.0
        keywords = ["dop_v1_", "doo_v1_", "dor_v1_"]
        severity = "critical"

        # A Heroku API key: the HRKU- format, or a UUID assigned to a name mentioning heroku.
        [[rules]]
        id = "heroku-api-key"
        description = "Heroku API key"
        regex = '''(?i)\b(HRKU-AA[A-Za-z0-9_-]{58})\b|heroku[\w.-]{0,30}["']?[ \t]{0,5}(?::=|=>|=|\#
        :)[ \t]{0,5}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b'''
        keywords = ["hrku-", "heroku"]

        # A Databricks personal access token.
        [[rules]]
        id = "databricks-token"
        description = "Databricks access token"
        regex = '''\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b'''
        entropy = 3.0
        keywords = ["dapi"]

        # A HashiCorp Vault service or batch token (current hvs./hvb. formats).
        [[rules]]
        id = "vault-token"
        description = "HashiCorp Vault token"
        regex = '''\b(hv[sb]\.[A-Za-z0-9_-]{90,})'''
        entropy = 3.5
        keywords = ["hvs.", "hvb."]

        # A Terraform Cloud / HCP Terraform API token.
        [[rules]]
        id = "terraform-cloud-token"
        description = "Terraform Cloud API token"
        regex = '''\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})\b'''
        entropy = 3.5
        keywords = ["atlasv1"]

        # ---------------------------------------------------------------------------------------------
        # Source hosting and package registries

        # A GitHub personal access token (classic). GitHub issues 36 characters after the prefix;
        # longer runs are matched too (up to 255), so a token with a character too many, or one of
        # a future longer format, is still recognised and never printed whole.
        [[rules]]
        id = "github-pat"
        description = "GitHub personal access token"
        regex = '''\b(ghp_[A-Za-z0-9]{36,255})\b'''
        entropy = 3.0
        keywords = ["ghp_"]

        # A GitHub fine-grained personal access token.
        [[rules]]
        id = "github-fine-grained-pat"
        description = "GitHub fine-grained personal access token"
        regex = '''\b(github_pat_[A-Za-z0-9_]{82})\b'''
        entropy = 3.0
        keywords = ["github_pat_"]

        # A GitHub OAuth access token.
        [[rules]]
        id = "github-oauth-token"
        description = "GitHub OAuth access token"
        regex = '''\b(gho_[A-Za-z0-9]{36,255})\b'''
        entropy = 3.0
        keywords = ["gho_"]

        # A GitHub App user-to-server or installation (server-to-server) token.
        [[rules]]
        id = "github-app-token"
        description = "GitHub App token"
        regex = '''\b((?:ghu|ghs)_[A-Za-z0-9]{36,255})\b'''
        entropy = 3.0
        keywords = ["ghu_", "ghs_"]

        # A GitHub refresh token.
        [[rules]]
        id = "github-refresh-token"
        description = "GitHub refresh token"
        regex = '''\b(ghr_[A-Za-z0-9]{36,76})\b'''
        entropy = 3.0
        keywords = ["ghr_"]

        # A GitLab personal, project or group access token.
        [[rules]]
        id = "gitlab-pat"
        description = "GitLab access token"
        regex = '''\b(glpat-[A-Za-z0-9_-]{20,}(?:\.[A-Za-z0-9]{2}\.[A-Za-z0-9]{7,})?)'''
        entropy = 3.0
        keywords = ["glpat-"]

        # A GitLab runner authentication token or pipeline trigger token.
        [[rules]]
        id = "gitlab-ci-token"
        description = "GitLab runner or pipeline trigger token"
        regex = '''\b(glrt-[A-Za-z0-9_-]{20,}|glptt-[0-9a-f]{40})\b'''
        entropy = 3.0
        keywords = ["glrt-", "glptt-"]

        # An npm access token.
        [[rules]]
        id = "npm-access-token"
        description = "npm access token"
        regex = '''\b(npm_[A-Za-z0-9]{36})\b'''
        entropy = 3.0
        keywords = ["npm_"]

        # A registry credential in an .npmrc: _authToken=… or _auth=… (base64 user:password).
        [[rules]]
        id = "npmrc-auth"
        description = "npm registry credential in .npmrc"
        regex = '''(?:^|[\s:/])_auth(?:Token)?[ \t]*=[ \t]*["']?([A-Za-z0-9+/=._-]{20,})'''
        entropy = 3.0
        keywords = ["_auth"]

        # A PyPI upload token (macaroon for pypi.org).
        [[rules]]
        id = "pypi-upload-token"
        description = "PyPI upload token"
        regex = '''\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})'''
        keywords = ["pypi-ageichlwas5vcmc"]

        # A registry login in a Docker config.json ("auth": base64 of user:password).
        [[rules]]
        id = "docker-config-auth"
        description = "Docker registry credential"
        regex = '''"auth"\s*:\s*"([A-Za-z0-9+/]{12,}={0,2})"'''
        entropy = 3.0
        keywords = ["\"auth\""]


        """#
}
