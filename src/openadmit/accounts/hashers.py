from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's recommended setting: 19 MiB of memory, 2 passes, 1 lane.

    Django's own Argon2 default takes 100 MiB and 8 lanes per sign-in, and its PBKDF2 a
    million rounds: either costs a two-core server most of a second per sign-in, so a crowd
    signing in before a deadline would queue. This costs tens of milliseconds and is as
    hard to attack per guess as OWASP asks. The parameters are stored in each hash, so
    changing them later upgrades passwords as people sign in.
    """

    time_cost = 2
    memory_cost = 19456
    parallelism = 1
