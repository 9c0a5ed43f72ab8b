"""digits3's score.py, plus the unseen-font validation and held-back sets (prep_eval5.py): plain and as Swift sees it
(a box Swift would see as empty counts as wrong). Usage: score5.py OUT.json NAME=FILE [NAME=FILE ...]"""
from common5 import T, WORK
import score as S3  # digits3's

if __name__ == "__main__":
    S3.main_with_extra("unseen", WORK, T)
