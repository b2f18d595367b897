/// A syntactically valid fake RSA private key block (random bytes behind a real DER header), for
/// tests that need a multi-line secret.
enum PrivateKeyFixture {
    static let lines: [String] = [
        "-----BEGIN RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEA1EMOx8KkjF78DPBQT/M9DUBIXKw+V3l35B+MrAKjVqy2yc6k",
        "nVWw+InhKPSDVVWQ9o4rM8Hc7vF1/XI15NTXcX+6bsMrnh5uM9gEDNtogdv5b9i0",
        "fVPYA8I5+HHuv5c4TQwNXRnuQmpypb1IoTRo6+oIkot+tDFfREYkTie/Mw3gX4vR",
        "Zldh4s5F9DM4e4bMHp3H2V6BQgn+FantzVRDSaXccHG2/DWTem+NmRxa5Crr2kej",
        "JS9AN31zRwKm/QvRy0qGHePtLRRM62adhYlo396eBHqL3z7w5AutB4CKebzg5Ruh",
        "+L7+rkZaLYma5gwLjifBPFuKQVIuPlmLkwIq9/U1E3hw73Lpj8qaIGU1fepiTrdu",
        "u60ChWBe4vZYqKAxcwflK+Y9BbHYsw7rcK+yhNl36DlBmu73+qDe6CeSKlX40YIe",
        "tjdFu/934Y3X/TwyhQ+fzNeLn7r1Z+IzGsoCKxP/b7J0V9gifxJTsdKFoSiP9nLV",
        "HTRLsLGKiDwSuFy101KsCzPTemrqgirwHk8l+1gV0hvOPgjlr4g+gFCQ0qv7yBHo",
        "uQAyNQAFF4o5gHA71OtYeDXgxa7YAmG+CJdyRK/2qXFEFZczNQhJiINX4OOVGkj8",
        "Gkac8YE4vV2v7QmK65jf8wq8NfAcOQpTIrWpFzcZUyNd86cvcKxqo7XR5DeTFxCg",
        "lleHnR7+zaJzb66S6SKLt+vL2ci1iyELP3UjyDIVBvQATAxLAmucnfgFw2AK0J3f",
        "8oORpvt9AH+9FdHoe0nzE/R+H0hMpmomZS2nkpt8cQMqYlwj+ye7LTurCRRe0KEu",
        "JxufDCRzyj8K1FbKmo5CvYlWlKmRTuBxsLXhlm3OwjHqIevE8PZDYh1dRkQeB1IC",
        "ylO/84F4PGkm0vAPnqVQ0nQzTH2pUaJidVnJFn+2rLxtqgIQi5CM8Z1+rMcvc6iE",
        "5LT/8PoZxA01srhNgeCmPVOVqERMS10COYnZEIEkgoam4y4pyep8yqvLvAwWNLAn",
        "J9xT+GIzh4AmYYypyr2AXQrDhRU69NxTIRTY3Hh8w93O8wQmPUVxxBz5WJr280Z9",
        "lwtIW9zIGcStfD8d50lP3tpyBDHSsjMsgw3kW5v2cy4tT58zdUUc6WSa58hYwvlB",
        "+p9jw93NNwiL4qDdnQaF0MVZxHHRXdP4Dmo1OJ9j8CE14glpMFttc08Ur1259NVr",
        "00VKgu0wS+pm8/pPBEHaollVRDEVpGaXLqmyVsAGAnx45Mvh1q0gEjH9ivBVNVE9",
        "lvRKmRIRoVot2x/LYeR/T26uyTluD9xv5Oft4MtGpL4EpyjRZq5eOpR+/1OSc7Sb",
        "NYdlxjn8BQ2oabMDR9vjCi2aZ39c/Oub2IblW6KF/7QC0lJMbAYjvbKK0HfNly5R",
        "/E56/abrOkpiP6myh9nvDGTousr43HurSNLZ1gpglb4Jh80EnUl236rJuQW5jOK1",
        "ChdxwZwqGymgvx2NbxvxAdzE+5AsvS3BXOIBCZc95x2onJDRW0/zR0TYX+26f7jl",
        "XdkfeLz5xUP3bel+WbbLxQBWvfcfUpupdeTYbIZcNWpoibQGoOOnQg==",
        "-----END RSA PRIVATE KEY-----",
    ]

    /// The block as one line, the way JSON and YAML files escape it.
    static var escaped: String { lines.joined(separator: "\\n") + "\\n" }
}
