// A confirmation dialog: says what will happen, then Cancel or the named action.
import React from 'react';
import { Button, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition, Stack, Text } from '@forge/react';
import { useMessages } from './i18n';

export interface ConfirmModalProps {
  title: string;
  body: string;
  confirmLabel: string;
  appearance?: 'primary' | 'danger' | 'warning';
  onConfirm: () => void;
  onCancel: () => void;
  /** More below the body (a choice to make before confirming). */
  children?: React.ReactNode;
}

export function ConfirmModal({ title, body, confirmLabel, appearance = 'primary', onConfirm, onCancel, children }: ConfirmModalProps) {
  const messages = useMessages();
  return (
    <ModalTransition>
      <Modal onClose={onCancel} label={title}>
        <ModalHeader>
          <ModalTitle appearance={appearance === 'primary' ? undefined : appearance}>{title}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.150">
            <Text>{body}</Text>
            {children}
          </Stack>
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={onCancel}>
            {messages.common.cancel}
          </Button>
          <Button appearance={appearance} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}
