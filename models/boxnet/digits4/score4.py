"""digits3's score.py, plus the continental validation and held-back sets (prep_eval4.py): plain and as Swift sees it
(a box Swift would see as empty counts as wrong). Usage: score4.py OUT.json NAME=FILE [NAME=FILE ...]"""
from common4 import T, WORK
import score as S3  # digits3's

if __name__ == "__main__":
    S3.main_with_extra("cont", WORK, T)
