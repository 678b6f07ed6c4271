from django.core.management.base import BaseCommand, CommandError

from domain.dossiers.models import IssuedDocument
from domain.official.services import verify_bytes


class Command(BaseCommand):
    help = "Verify a signed PDF (a file path, or --id of an issued document): signature, certificate, unchanged."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?")
        parser.add_argument("--id", type=int, help="an issued document's id: also checks it is the recorded file")

    def handle(self, *args, path=None, id=None, **options):
        if id is not None:
            issued = IssuedDocument.objects.filter(pk=id).first()
            if issued is None or not issued.file:
                raise CommandError(f"no signed document with id {id}")
            with issued.file.open("rb") as handle:
                data, expected = handle.read(), issued.sha256
        elif path:
            with open(path, "rb") as handle:
                data, expected = handle.read(), ""
        else:
            raise CommandError("give a file path or --id")
        result = verify_bytes(data, expected_sha256=expected)
        s = result["signature"]
        self.stdout.write(
            f"signed={s.signed} intact={s.intact} valid={s.valid} trusted={s.trusted} whole_file={s.whole_file} "
            f"matches_record={result['matches_record']} signer={s.signer!r} sha256={result['sha256']}"
        )
        if not result["ok"]:
            raise CommandError(f"NOT VALID{': ' + s.problem if s.problem else ''}")
        self.stdout.write(self.style.SUCCESS("valid"))
