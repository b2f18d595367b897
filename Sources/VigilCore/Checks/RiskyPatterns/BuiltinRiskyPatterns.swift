/// The built-in risky-pattern rules (`rules = "builtin"`): the text of `config/risky-patterns.toml`,
/// compiled in so that the binary needs no data files. A test keeps the two identical; edit the
/// TOML file and paste it here whole.
enum BuiltinRiskyPatterns {
    static let text = #"""
# Vigil's built-in risky-pattern rules (`[checks.risky-pattern] rules = "builtin"`).
#
# Each rule raises `risky-pattern.<id>` when its regex matches an added line. The same text is
# compiled into the binary (Sources/VigilCore/Checks/RiskyPatterns/BuiltinRiskyPatterns.swift; a
# test keeps the two identical), so this file is documentation and a starting point for your own:
#
#   [checks.risky-pattern]
#   rules = ["builtin", "/etc/vigil/risky-patterns.local.toml"]   # or just a path, without "builtin"
#   disabled = ["git-force-push"]
#
# Keys of a [[rules]] table:
#   id           required; letters, digits, "-", "_" or "."; the alert's check is risky-pattern.<id>
#   description  required; the alert's title
#   regex        required; PCRE2. (?i) ignores case; (?x) ignores whitespace and # comments, so a
#                long pattern can be written one alternative per line inside ''' quotes. At most
#                16384 bytes and 64 levels of parentheses. A search that backtracks past PCRE2's
#                match limit finds nothing on that line and is recorded as not fully checked.
#   severity     info | low | medium | high | critical (default medium)
#   keywords     optional; the regex runs only on lines containing one of these (any case), which
#                keeps the check cheap on large commits. Every match must contain a keyword.
#   paths        optional globs; the rule applies only to matching files
#
# An added line containing `vigil:allow` raises nothing.

[[rules]]
id = "sql-drop"
description = "SQL DROP TABLE, DATABASE or SCHEMA"
severity = "high"
keywords = ["drop"]
regex = '(?i)\bdrop\s+(?:table|database|schema)\b'

[[rules]]
id = "sql-truncate"
description = "SQL TRUNCATE"
severity = "high"
keywords = ["truncate"]
regex = '\bTRUNCATE\s+(?:TABLE\s+)?[A-Za-z_"`\[]|(?i:\btruncate\s+table\b)'

[[rules]]
id = "sql-delete-all"
description = "SQL DELETE without a WHERE clause"
severity = "high"
keywords = ["delete"]
regex = '''(?i)\bdelete\s+from\s+[\w."`\[\]]+\s*(?:;|"|'|`|\))'''

[[rules]]
id = "rm-rf"
description = "rm -rf on a variable, the root or the home directory"
severity = "high"
keywords = ["rm"]
# An "rm" right after a dash is an option's text (--rm), never the command.
regex = '''(?x)
    (?<!-)\brm \s+
    (?= (?:-\S+\s+)* (?:-[A-Za-z]*[rR]|--recursive\b) )   # recursive …
    (?= (?:-\S+\s+)* (?:-[A-Za-z]*f|--force\b) )           # … and forced
    (?:-\S+\s+)+ (?:--\s+)? ["']?
    (?: \$                                                  # a variable: empty means /
      | / (?:\*|["';&|)\s]|$)                               # the root
      | ~ (?:/\*?)? (?:["';&|)\s]|$)                        # home
      | \* (?:\s|$) )                                       # everything here
'''

[[rules]]
id = "tls-verify-disabled"
description = "TLS certificate verification disabled"
severity = "high"
keywords = ["verif", "unauthorized", "check_hostname", "strict-ssl"]
regex = '''(?xi)
      \bverify \s*=\s* false\b                      # Python requests, httpx
    | \bInsecureSkipVerify \s*:\s* true\b           # Go crypto/tls
    | \brejectUnauthorized \s*:\s* false\b          # Node.js
    | \bNODE_TLS_REJECT_UNAUTHORIZED \s*=\s* ["']?0\b
    | \bssl\._create_unverified_context\b
    | \bcheck_hostname \s*=\s* false\b
    | \bCURLOPT_SSL_VERIFY(?:PEER|HOST) \s*,\s* (?:0|false)\b
    | \bVERIFY_NONE\b                               # OpenSSL, Ruby
    | \bNoopHostnameVerifier\b | \bALLOW_ALL_HOSTNAME_VERIFIER\b
    | \bsslVerify \s*=?\s* false\b                  # git http.sslVerify
    | \bstrict-ssl \s*=?\s* false\b                 # npm
'''

[[rules]]
id = "curl-insecure"
description = "curl or wget without certificate checks"
severity = "medium"
keywords = ["curl", "wget"]
# Each command of a pipeline or list (between |, ; and &) is searched once, from its first curl or
# wget, which decides: a later one on the same command sees a subset of the same options.
# Searching from every curl again would cost time quadratic in a line of thousands of them.
regex = '''(?x)
      (?:^|[|;&]) (?>[^\n|;&]*?(?=\bcurl\b)) \K
      \bcurl\b [^\n|;&]*? \s (?:-[A-Za-z]*k[A-Za-z]*|--insecure) (?=\s|$|["'])
    | (?:^|[|;&]) (?>[^\n|;&]*?(?=\bwget\b)) \K
      \bwget\b [^\n|;&]*? \s --no-check-certificate\b
'''

[[rules]]
id = "chmod-777"
description = "World-writable permissions (chmod 777)"
severity = "medium"
keywords = ["chmod"]
# A "chmod" right after a dash is an option's text, never a command: searching from there again
# would rescan the options of the chmod before it.
regex = '''(?x)
      (?<!-)\bchmod \s+ (?:-[A-Za-z]+\s+)*+ (?:0?777|[ugoa]*\+rwx|a=rwx) \b
    | \bchmod(?:Sync)? \s* \( [^()\n]* , \s* (?:0o|0)?777 \b
'''

[[rules]]
id = "pipe-to-shell"
description = "Downloaded script piped into a shell"
severity = "high"
keywords = ["curl", "wget", "iwr", "irm", "invoke-"]
# A download command is searched from the first one in each stage of the pipeline: every later
# one in the same stage reaches the same "|", so searching from each would only repeat the work.
regex = '''(?xi)
      (?:^|\|) (?>[^\n|]*?(?=\b(?:curl|wget)\b)) \K
      \b(?:curl|wget)\b [^\n|]* \| \s*
      (?: (?:sudo\s+(?:-\S+\s+)*)? (?:ba|z|k|da|fi)?sh\b
        | (?:sudo\s+)? (?:python[0-9.]*|perl|ruby|node)\b )
    | \b(?:ba|z)?sh \s+ (?:-c\s+)? ["']? \$\( \s* (?:curl|wget)\b
    | \b(?:ba|z)?sh \s+ <\( \s* (?:curl|wget)\b
    | (?:^|\|) (?>[^\n|]*?(?=\b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b)) \K
      \b(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod)\b [^\n|]* \| \s* (?:iex|Invoke-Expression)\b
'''

[[rules]]
id = "eval-input"
description = "eval or exec of external input"
severity = "high"
keywords = ["eval", "exec"]
regex = '''(?x)
      \b(?:eval|exec) \s*\( \s*
      (?: request\b | req\. | params\b | input\s*\( | sys\.argv | process\.argv
        | \$_(?:GET|POST|REQUEST|COOKIE) | (?:window\.)?location\. | document\. | event\.data
        | (?:user_?)?input\b | body\b | query\b )
    | \beval \s+ ["']? \$ (?: \{?[0-9@*] | \{?[A-Za-z_]*(?:INPUT|ARGS?|PARAMS?|QUERY|BODY)\b )
'''

[[rules]]
id = "git-no-verify"
description = "git hooks skipped (--no-verify)"
severity = "medium"
keywords = ["no-verify", "husky", "hookspath"]
# The first git on a line decides (a later one sees a subset of what follows it), and so does
# the first subcommand after it: searching from each again would be quadratic in a long line.
regex = '''(?x)
      ^ (?>[^\n]*?(?=\bgit\b)) \K
      \bgit\b (?>[^\n]*? \s (?:commit|push|merge|am|rebase|cherry-pick|revert)\b) [^\n]*? \s --no-verify\b
    | \bHUSKY \s*=\s* ["']?0\b
    | \bcore\.hooksPath \s*=?\s* ["']?/dev/null
'''

[[rules]]
id = "git-force-push"
description = "Force push in a script"
severity = "medium"
keywords = ["push"]
# The first "git push" on a line decides: a later one sees a subset of what follows it.
regex = '''(?x)
    ^ (?>[^\n]*?(?=\bgit\s+push\b)) \K
    \bgit\s+push\b [^\n]*? \s (?:--force(?![\w-])|-f\b)
'''

[[rules]]
id = "auth-check-disabled"
description = "Authentication or authorization check disabled"
severity = "high"
keywords = ["permitall", "allowanonymous", "skip_before_action", "authentication_classes",
    "permission_classes", "skip_authorization"]
regex = '''(?x)
      \.permitAll\(\) | @PermitAll\b                                   # Spring, Jakarta
    | \[AllowAnonymous\] | \bAllowAnonymous\(\)                          # ASP.NET
    | \bskip_before_action \s+ :(?:authenticate\w*|authorize\w*|require_\w*login\w*|require_user|check_auth\w*)
    | \bskip_authorization\b                                           # Pundit, CanCanCan
    | \bauthentication_classes \s*=\s* (?:\[\s*\]|\(\s*\))               # Django REST framework
    | \bpermission_classes \s*=\s* [\[(] \s* AllowAny \s* ,? \s* [\])]
'''

[[rules]]
id = "csrf-disabled"
description = "CSRF protection disabled"
severity = "high"
keywords = ["csrf", "verify_authenticity_token", "abstracthttpconfigurer"]
regex = '''(?x)
      @csrf_exempt\b                                                   # Django
    | \bcsrf\(\) \s*\.\s* disable\(\)                                    # Spring
    | \bcsrf \s* \( \s* \w+ \s* -> \s* \w+\.disable\(\) \s* \)
    | \bcsrf \s* \{ \s* (?:it\.)? disable\(\)
    | \bcsrf\(AbstractHttpConfigurer::disable\)
    | \bskip_before_action \s+ :verify_authenticity_token                # Rails
    | \bWTF_CSRF_ENABLED \s*=\s* False\b                               # Flask-WTF
'''

"""#
}
