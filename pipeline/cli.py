"""The `afspraken` command line (stub; replaced by the real CLI)."""


def main() -> int:
    return 0
