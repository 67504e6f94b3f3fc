"""jixiao unlock USERNAME: lift a login lockout before its 15 minutes run out (audited)."""

from __future__ import annotations

import argparse

from jixiao.cli._django import setup_django


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("unlock", help="解除账号的登录锁定（连续输错密码后的锁定）")
    parser.add_argument("username", nargs="?", help="要解锁的用户名；不填则列出当前被锁定的账号")
    parser.add_argument("--ip", default="", help="同时解除该IP地址的锁定")
    parser.add_argument("--reason", default="", help="解锁原因（记入审计记录）")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    setup_django()
    from django.utils import timezone

    from jixiao.apps.core import login_protection

    if not args.username:
        current = login_protection.locks(actor=None)
        if not current:
            print("目前没有被锁定的账号。")
        for lock in current:
            print(
                f"{lock.username}\t失败{lock.failures}次\t来源 {lock.ip_address}\t{timezone.localtime(lock.until):%Y-%m-%d %H:%M} 自动解锁"
            )
        return 0
    cleared = login_protection.unlock(
        actor=None, username=args.username, ip_address=args.ip, reason=args.reason
    )
    print(f"已解除“{args.username}”的登录锁定（清除{cleared}条失败记录），已记入审计记录。")
    return 0
