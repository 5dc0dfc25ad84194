// A confirmation before something that cannot be taken back. Atlaskit's modal traps focus while it
// is open and returns it to the element that opened it when it closes.
import type { ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import { useMessages } from '../messages';

export default function ConfirmDialog({
  isOpen,
  title,
  children,
  confirmLabel,
  onConfirm,
  onClose,
  isWorking = false,
  canConfirm = true,
}: {
  isOpen: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  isWorking?: boolean;
  /** false: there is nothing to confirm (only Cancel is offered). */
  canConfirm?: boolean;
}) {
  const m = useMessages();
  return (
    <ModalTransition>
      {isOpen ? (
        <Modal onClose={isWorking ? undefined : onClose} width="small" shouldReturnFocus>
          <ModalHeader>
            <ModalTitle appearance={canConfirm ? 'danger' : undefined}>{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>{children}</ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onClose} isDisabled={isWorking}>
              {canConfirm ? m.t('common.cancel') : m.t('common.close')}
            </Button>
            {canConfirm ? (
              <Button appearance="danger" onClick={onConfirm} isLoading={isWorking}>
                {confirmLabel}
              </Button>
            ) : null}
          </ModalFooter>
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
