namespace ImageDsl.Fuzz;

/// <summary>A throwaway RSA key made for the fuzzer: the apkindex target's signed seeds use it. Not a secret.</summary>
internal static class FuzzKeys
{
    public const string PrivatePem = """
        -----BEGIN PRIVATE KEY-----
        MIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQDp3SGQTjzdvW96
        7pqLacnkJIkhDrGexe3JifRaOHboe96d07/ICJnkpizdJOmaWq9adbjz3WqOoCuV
        E97isjh75xOGIwfpe4U0UO0BqklBTd2JOTQb5d4SnsJeNtHEtrZ/qrdyZHnbZ90L
        M3TsdOtQ49ZDpCNsnppJJl607nSGiQsqxVrg47A0wy9aU6POv1/zU14aejIALXBv
        HgWnk4EGPFa4WOXMrRT/2TjEXHbUfqRk5c5W9Wa/a60KwUmR8Tg58OJjQOernBUx
        adzqgEn8zffc6oIhO8AZsYw0ejWdr1vLOAMGjoqv++6hI4yGfJ/UlrkVccy90jUx
        KLSD+HSLAgMBAAECggEAQ0H1hSr7FkqE5TX5/F5QUeywA3HWY3NJD809GTVj/Tii
        rYFYho7ys2+XN4KGLH4oMDvrFTd4jcxCvH0afNgEpp2uX8VzYRLFHGapwvDWYJGk
        RPLOqbdSRsih3bamXYyur8jJOXzsDs2wJKiH1/lIM9tSo+FwzqxOcvs2AZMSsB3s
        5tI1Gfa8qmPKLBfO88w2Xbd93OxGN9yKl9xs+5eXEQu/TTHekePnmqJMQDDyVvSJ
        Ch8VBrx/pTB1jhPE1EAVIwB0u4f/bB8SUe8f5Ut/7ZFq7nz88VFj+iHYtZ+0PRzU
        YU3mU4JwB7VtMpNFtqQ6DbXyopwUB6Ag1CrN6g7EAQKBgQD8+11fF0WH6A+lpsTp
        RBcrHOo3aNGMufXl31e1aJDuiFkRGBnJ//gRALDPeLMaoPZHMJRuvq7XyR079qP6
        TJHF0VgjqKQSAC4sHwGekOS769AjxwriA+Q37JBlDNcjhP+a1BJd6s4+Uu0+5MbB
        q/Qj+M3xGX5U3wbnWMs5ITe6kQKBgQDsp2Cmbw2NHp+zNevOz9Rmr4o+UlYFtQLq
        xgI6MCub77lTMgz3PT5y2TXKnrcETDanHE15KMVimz+8SlE1hMNJE4ywAYCm4/PM
        lvOE6w46RqaRlmr87qQsT9I6ZQYIk+QbZRQn6hVwTObZyWUnuxq6oxB9wz+oEIDd
        3krDr7pzWwKBgCy5O36OHKq0Kd/9JZ6ffQEQMY/uJe2dCo3C+DyH6edhj21oN1bw
        u6g12Qw0qGUyw5c+TV9usnZPha2OItsjIjo4kj5rl+XexkriiGTB9M4MGFXa4F+o
        lHYWikhzBq2u24lBqKWV1zRJcMvHoiOnBJg/ahkPirfyXcQUfIjzCGkhAoGABB7B
        4wPp83wGAcO9kEM0Cnmh6YXbc4v8OgQqg8LU74kT6+viJ+fMD4nSku2CeDOve+dV
        PffEv/u991Q/57OhBsOtXl8YU0+CrhwurzC8da1HNx+sSy0IdLELEvMxULLqdMOk
        vzEnIGZmWoJUHYX3aCpwng/pKs7mv3YgTRnhICMCgYBUzMOnNSIChamU43d7vSZh
        Iv4XIEC/8O+VDYeL2nFvOV9480rrVmFz/hnWJe/HUw4wKpGo7Py7MR/t4A4lITCr
        c/BRLf95kiB/jnlA3IPaU0AB8ozn4x2/v4ymCvB9ATbI1KuMdm2Gf6GB/qpPq9qD
        ghPvDUrJlHLRSCYNgmOgtw==
        -----END PRIVATE KEY-----
        """;

    public const string PublicPem = """
        -----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA6d0hkE483b1veu6ai2nJ
        5CSJIQ6xnsXtyYn0Wjh26HvendO/yAiZ5KYs3STpmlqvWnW4891qjqArlRPe4rI4
        e+cThiMH6XuFNFDtAapJQU3diTk0G+XeEp7CXjbRxLa2f6q3cmR522fdCzN07HTr
        UOPWQ6QjbJ6aSSZetO50hokLKsVa4OOwNMMvWlOjzr9f81NeGnoyAC1wbx4Fp5OB
        BjxWuFjlzK0U/9k4xFx21H6kZOXOVvVmv2utCsFJkfE4OfDiY0Dnq5wVMWnc6oBJ
        /M333OqCITvAGbGMNHo1na9byzgDBo6Kr/vuoSOMhnyf1Ja5FXHMvdI1MSi0g/h0
        iwIDAQAB
        -----END PUBLIC KEY-----
        """;
}
